/** Seeded random label sets and selectors, for comparing the indexes with a plain scan. */
import type { LabelRequirement, LabelSelector } from "../../../../src/check/rules/support/label-selector.js";
export { random } from "../../../support/seeded-random.js";


// Few keys and values, so that selectors often match; keys that are Object.prototype names or contain "=" included.
const KEYS = ["app", "tier", "constructor", "toString", "a=b", "team"];
const VALUES = ["", "web", "api", "b=c", "hasOwnProperty", "1"];
const OPERATORS: readonly LabelRequirement["operator"][] = ["In", "NotIn", "Exists", "DoesNotExist"];

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T;
}

export function randomLabels(next: () => number): Record<string, string> {
  const labels: Record<string, string> = {};
  const count = Math.floor(next() * 4);
  for (let index = 0; index < count; index++) Object.defineProperty(labels, pick(next, KEYS), { value: pick(next, VALUES), enumerable: true, writable: true, configurable: true });
  return labels;
}

export function randomSelector(next: () => number): LabelSelector {
  const requirements: LabelRequirement[] = [];
  const count = Math.floor(next() * 3);
  for (let index = 0; index < count; index++) {
    const operator = pick(next, OPERATORS);
    const values = operator === "In" || operator === "NotIn" ? Array.from({ length: Math.floor(next() * 3) }, () => pick(next, VALUES)) : [];
    requirements.push({ key: pick(next, KEYS), operator, values });
  }
  return { requirements, malformed: false };
}
