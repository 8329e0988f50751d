import { describe, expect, it } from "vitest";
import { serviceAccount } from "../../../src/gitops/applications/service-account.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("serviceAccount", () => {
  it("GIVEN the reference api-server WHEN built THEN it has its own account that mounts no token", () => {
    const spec = parseSpec({}, "test");
    expect(serviceAccount("api-server", spec.applications["api-server"]!)).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "api-server", namespace: "production", labels: { "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway" } },
      automountServiceAccountToken: false,
    });
  });
});
