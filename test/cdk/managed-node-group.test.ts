import { describe, expect, it } from "vitest";
import type { SlipwayError } from "../../src/errors.js";
import { isArmInstanceType } from "../../src/cdk/managed-node-group.js";
import { platformTemplate } from "./platform-template.js";

describe("GIVEN isArmInstanceType", () => {
  it.each([
    ["m6i.large", false],
    ["c6i.2xlarge", false],
    ["g5.xlarge", false],
    ["m7g.large", true],
    ["c7gn.xlarge", true],
    ["r6gd.large", true],
    ["a1.large", true],
    ["t4g.medium", true],
  ])("WHEN the type is %s THEN arm64 is %s", (type, arm) => {
    expect(isArmInstanceType(type)).toBe(arm);
  });
});

describe("GIVEN a node group mixing architectures", () => {
  it("WHEN the stack is built THEN the error names the group and its types", () => {
    let error: SlipwayError | undefined;
    try {
      platformTemplate({ nodeGroups: { mixed: { instanceTypes: ["m6i.large", "m7g.large"], minSize: 1, maxSize: 2 } } });
    } catch (caught) {
      error = caught as SlipwayError;
    }
    expect(error?.render()).toBe(
      'error SPEC_INVALID: node group "mixed" mixes arm64 and x86_64 instance types (m6i.large, m7g.large)\n  where: nodeGroups.mixed.instanceTypes\n  fix: use one architecture per node group (Graviton types such as m7g go in their own group)',
    );
  });
});
