import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../../src/platform-spec/load.js";
import { platformNames } from "../../../../src/platform-spec/names.js";
import { ec2NodeClass } from "../../../../src/gitops/platform/karpenter/ec2-node-class.js";

describe("EC2NodeClass", () => {
  it("GIVEN the reference spec THEN it uses the bridge's node role and discovery tag, AL2023, IMDSv2 with hop limit 1 and a 100Gi encrypted gp3 root", () => {
    const spec = parseSpec({}, "test");
    const nodeClass = ec2NodeClass(spec, platformNames(spec));
    expect(nodeClass.apiVersion).toBe("karpenter.k8s.aws/v1");
    expect(nodeClass.spec).toMatchObject({
      role: "production-cluster-karpenter-node",
      amiSelectorTerms: [{ alias: "al2023@latest" }],
      subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "production-cluster" } }],
      securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "production-cluster" } }],
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "100Gi", volumeType: "gp3", encrypted: true } }],
    });
  });

  it("GIVEN another cluster name and root volume THEN the role, tags and volume follow", () => {
    const spec = parseSpec({ cluster: { name: "edge" }, karpenter: { rootVolume: { sizeGiB: 200, type: "io2" } } }, "test");
    const nodeClass = ec2NodeClass(spec, platformNames(spec));
    expect(nodeClass.spec).toMatchObject({
      role: "edge-karpenter-node",
      subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "edge" } }],
      blockDeviceMappings: [{ ebs: { volumeSize: "200Gi", volumeType: "io2", encrypted: true } }],
    });
  });
});
