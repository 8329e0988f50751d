import { describe, expect, it } from "vitest";
import { awsLoadBalancerControllerGenerator } from "../../../src/gitops/addons/aws-load-balancer-controller.js";
import { generate } from "./support.js";

describe("AWS Load Balancer Controller values", () => {
  it("GIVEN the reference spec THEN cluster, region and the VPC Name tag are explicit and the service account is the Pod Identity one", () => {
    const { values } = generate(awsLoadBalancerControllerGenerator);
    expect(values).toMatchObject({
      clusterName: "production-cluster",
      region: "eu-west-1",
      vpcTags: { Name: "production-cluster-vpc" },
      serviceAccount: { create: true, name: "aws-load-balancer-controller" },
      nodeSelector: { role: "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(values.serviceAccount.annotations).toBeUndefined();
  });

  it("GIVEN another cluster and region THEN the values follow the bridge", () => {
    const { values } = generate(awsLoadBalancerControllerGenerator, { cluster: { name: "edge" }, aws: { region: "ap-southeast-2" } });
    expect(values).toMatchObject({ clusterName: "edge", region: "ap-southeast-2", vpcTags: { Name: "edge-vpc" } });
  });
});
