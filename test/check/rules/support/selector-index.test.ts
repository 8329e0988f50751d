import { describe, expect, test } from "vitest";
import { matchesLabels, parseLabelSelector } from "../../../../src/check/rules/support/label-selector.js";
import { SelectorIndex } from "../../../../src/check/rules/support/selector-index.js";
import { random, randomLabels, randomSelector } from "./random-selectors.js";

const POLICIES = [
  { name: "default-deny", selector: parseLabelSelector({}) },
  { name: "web", selector: parseLabelSelector({ matchLabels: { app: "web" } }) },
  { name: "front-or-back", selector: parseLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["front", "back"] }] }) },
  { name: "not-web", selector: parseLabelSelector({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }) },
  { name: "api-back", selector: parseLabelSelector({ matchLabels: { app: "api", tier: "back" } }) },
];

describe("SelectorIndex", () => {
  const index = new SelectorIndex(POLICIES, (policy) => policy.selector);

  test.each([
    [{ app: "web", tier: "front" }, ["default-deny", "web", "front-or-back", "not-web"]],
    [{ app: "api", tier: "back" }, ["default-deny", "front-or-back", "not-web", "api-back"]],
    [{}, ["default-deny", "not-web"]],
  ])("GIVEN labels %j WHEN looked up THEN the candidates are %j, in input order, each matching or unfiled", (labels, expected) => {
    expect(index.candidates(labels).map((policy) => policy.name)).toEqual(expected);
  });

  test("GIVEN 300 seeded random selectors and label sets WHEN looked up THEN every selector that matches is a candidate, in input order", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const items = Array.from({ length: Math.floor(next() * 12) }, (_, position) => ({ position, selector: randomSelector(next) }));
      const labels = randomLabels(next);
      const indexed = new SelectorIndex(items, (item) => item.selector);
      const candidates = indexed.candidates(labels);
      expect(candidates.filter((item) => matchesLabels(item.selector, labels)), `seed ${seed}`).toEqual(items.filter((item) => matchesLabels(item.selector, labels)));
      expect(candidates.map((item) => item.position), `seed ${seed}`).toEqual([...new Set(candidates.map((item) => item.position))].sort((a, b) => a - b));
    }
  });
});
