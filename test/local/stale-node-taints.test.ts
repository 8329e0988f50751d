import { describe, expect, it } from "vitest";
import { NOT_READY_TAINT, readyNodesWithNotReadyTaint } from "../../src/local/stale-node-taints.js";

const node = (name: string, ready: "True" | "False" | undefined, taints: string[]) => ({
  metadata: { name },
  spec: { taints: taints.map((key) => ({ key, effect: "NoSchedule" })) },
  status: { conditions: ready === undefined ? [] : [{ type: "Ready", status: ready }] },
});

describe("readyNodesWithNotReadyTaint", () => {
  it.each([
    ["a Ready node that kept the not-ready taint", [node("a", "True", [NOT_READY_TAINT])], ["a"]],
    ["a node that is not Ready yet (the taint is right)", [node("b", "False", [NOT_READY_TAINT])], []],
    ["a node with no Ready condition yet", [node("c", undefined, [NOT_READY_TAINT])], []],
    ["a Ready node with only its own taints", [node("d", "True", ["CriticalAddonsOnly"])], []],
    ["several, sorted by name", [node("z", "True", ["CriticalAddonsOnly", NOT_READY_TAINT]), node("m", "True", [NOT_READY_TAINT])], ["m", "z"]],
  ])("GIVEN %s THEN it returns %j", (_title, items, expected) => {
    expect(readyNodesWithNotReadyTaint({ items })).toEqual(expected);
  });

  it("GIVEN a malformed list THEN it returns nothing instead of throwing", () => {
    expect(readyNodesWithNotReadyTaint({})).toEqual([]);
  });
});
