import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { systemPlacement } from "../../../src/gitops/addons/system-placement.js";

describe("system placement", () => {
  it("GIVEN the reference spec THEN controllers select role=system and tolerate CriticalAddonsOnly", () => {
    expect(systemPlacement(parseSpec({}, "test"))).toEqual({
      nodeSelector: { role: "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
    });
  });

  it("GIVEN a spec without a system node group THEN there is no placement constraint", () => {
    const spec = parseSpec({ nodeGroups: { workers: { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3 } } }, "test");
    expect(systemPlacement(spec)).toEqual({ nodeSelector: {}, tolerations: [] });
  });
});
