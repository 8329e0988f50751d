import { describe, expect, it } from "vitest";
import { loadBalancers } from "../../src/cost/load-balancers.js";
import { platformSpecSchema, type PlatformSpecInput } from "../../src/platform-spec/schema.js";

const albs = (input: PlatformSpecInput) => loadBalancers(platformSpecSchema.parse(input)).map((alb) => alb.description);

describe("loadBalancers", () => {
  it.each([
    ["the reference spec", {}, ["Argo CD UI (argocd-server Ingress)"]],
    [
      "an application with a host",
      { applications: { "api-server": { namespace: "production", host: "api.example.com" } } },
      ["Argo CD UI (argocd-server Ingress)", "IngressGroup slipway-shared (1 Ingress: production/api-server)"],
    ],
  ] as [string, PlatformSpecInput, string[]][])("GIVEN %s WHEN the ALBs are listed THEN they are %j", (_what, input, expected) => {
    expect(albs(input)).toEqual(expected);
  });
});
