import { describe, expect, it } from "vitest";
import { CONTAINER_DEFAULTS, limitRange, resourceQuota } from "../../../src/gitops/tenancy/team-quota.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("resourceQuota", () => {
  it("GIVEN the reference team-a WHEN its quota is built for production THEN it holds 20/40Gi requests, 40/80Gi limits and 10 PVCs", () => {
    const spec = parseSpec({}, "test");
    expect(resourceQuota("production", "team-a", spec.teams["team-a"]!)).toEqual({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "team-a-quota", namespace: "production", labels: { "app.kubernetes.io/managed-by": "slipway" } },
      spec: {
        hard: {
          "requests.cpu": "20",
          "requests.memory": "40Gi",
          "limits.cpu": "40",
          "limits.memory": "80Gi",
          persistentvolumeclaims: "10",
        },
      },
    });
  });

  it("GIVEN a team with its own quota WHEN built THEN every field comes from the spec", () => {
    const spec = parseSpec(
      {
        teams: { "team-a": {}, data: { quota: { requestsCpu: "8", requestsMemory: "16Gi", limitsCpu: "16", limitsMemory: "32Gi", persistentVolumeClaims: 3 } } },
      },
      "test",
    );
    expect(resourceQuota("analytics", "data", spec.teams.data!).spec).toEqual({
      hard: { "requests.cpu": "8", "requests.memory": "16Gi", "limits.cpu": "16", "limits.memory": "32Gi", persistentvolumeclaims: "3" },
    });
  });
});

describe("limitRange", () => {
  it("GIVEN a team namespace WHEN its limit range is built THEN containers without resources get 100m/128Mi requests and 500m/512Mi limits", () => {
    expect(limitRange("staging")).toEqual({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "container-defaults", namespace: "staging", labels: { "app.kubernetes.io/managed-by": "slipway" } },
      spec: { limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "500m", memory: "512Mi" } }] },
    });
    expect(CONTAINER_DEFAULTS.defaultRequest).toEqual({ cpu: "100m", memory: "128Mi" });
  });
});
