import { describe, expect, test } from "vitest";
import { formatSelector, matchesLabels, parseLabelSelector } from "../../../../src/check/rules/support/label-selector.js";

describe("label selectors", () => {
  test.each([
    [{}, { app: "web" }, true],
    [{ matchLabels: { app: "web" } }, { app: "web", tier: "front" }, true],
    [{ matchLabels: { app: "web" } }, { app: "api" }, false],
    [{ matchExpressions: [{ key: "tier", operator: "In", values: ["front", "back"] }] }, { tier: "back" }, true],
    [{ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] }, {}, true],
    [{ matchExpressions: [{ key: "tier", operator: "Exists" }] }, { tier: "" }, true],
    [{ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, { tier: "x" }, false],
    [{ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "Exists" }] }, { app: "web" }, false],
  ])("GIVEN selector %j WHEN matched against %j THEN the result is %s", (selector, labels, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  test("GIVEN malformed selectors WHEN parsed THEN they are marked, not trusted", () => {
    expect(parseLabelSelector("app=web").malformed).toBe(true);
    expect(parseLabelSelector({ matchExpressions: [{ key: "a", operator: "Like" }] }).malformed).toBe(true);
    expect(parseLabelSelector({ matchLabels: [] }).malformed).toBe(true);
  });

  test("GIVEN a selector WHEN formatted THEN it reads as kubectl prints it", () => {
    const selector = parseLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["a", "b"] },
        { key: "canary", operator: "DoesNotExist" },
      ],
    });
    expect(formatSelector(selector)).toBe("app=web,tier in (a,b),!canary");
  });
});
