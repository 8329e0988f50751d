import { describe, expect, test } from "vitest";
import { LabelIndex } from "../../../../src/check/rules/support/label-index.js";
import { matchesLabels, parseLabelSelector } from "../../../../src/check/rules/support/label-selector.js";
import { random, randomLabels, randomSelector } from "./random-selectors.js";

const PODS: readonly { name: string; labels: Record<string, string> }[] = [
  { name: "web-1", labels: { app: "web", tier: "front" } },
  { name: "api-1", labels: { app: "api", tier: "back" } },
  { name: "web-2", labels: { app: "web" } },
  { name: "bare", labels: {} },
];

describe("LabelIndex", () => {
  const index = new LabelIndex(PODS, (pod) => pod.labels);

  test.each([
    [{}, ["web-1", "api-1", "web-2", "bare"]],
    [{ matchLabels: { app: "web" } }, ["web-1", "web-2"]],
    [{ matchLabels: { app: "web", tier: "front" } }, ["web-1"]],
    [{ matchExpressions: [{ key: "app", operator: "In", values: ["api", "web"] }] }, ["web-1", "api-1", "web-2"]],
    [{ matchExpressions: [{ key: "app", operator: "In", values: [] }] }, []],
    [{ matchExpressions: [{ key: "tier", operator: "Exists" }] }, ["web-1", "api-1"]],
    [{ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, ["web-2", "bare"]],
    [{ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, ["api-1", "bare"]],
    [{ matchLabels: { app: "db" } }, []],
  ])("GIVEN selector %j WHEN matched THEN the pods are %j, in input order", (selector, expected) => {
    const parsed = parseLabelSelector(selector);
    expect(index.matching(parsed).map((pod) => pod.name)).toEqual(expected);
    expect(index.matchesAny(parsed)).toBe(expected.length > 0);
  });

  test("GIVEN 300 seeded random label sets and selectors (prototype names, '=' in keys) WHEN matched THEN the answers are a scan's", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const items = Array.from({ length: Math.floor(next() * 12) }, (_, position) => ({ position, labels: randomLabels(next) }));
      const selector = randomSelector(next);
      const scanned = items.filter((item) => matchesLabels(selector, item.labels));
      const indexed = new LabelIndex(items, (item) => item.labels);
      expect(indexed.matching(selector), `seed ${seed}`).toEqual(scanned);
      expect(indexed.matchesAny(selector), `seed ${seed}`).toBe(scanned.length > 0);
    }
  });
});
