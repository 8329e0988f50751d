/** Every public host names one thing: Argo CD's ALB, Grafana's and the applications' rules of the shared ALB. */
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { publicHostProblems, type PublicHostsSpec } from "../../src/platform-spec/public-hosts.js";

const spec = (overrides: { mode?: string; grafana?: string; hosts?: Record<string, string | undefined> }): PublicHostsSpec => ({
  argocd: { mode: overrides.mode ?? "self-managed" },
  gitops: { argocdHost: "argocd.example.com" },
  monitoring: { grafana: { host: overrides.grafana } },
  applications: Object.fromEntries(Object.entries(overrides.hosts ?? {}).map(([name, host]) => [name, { host }])),
});

const ALREADY = "each public host serves one thing (two rules for one host on the shared ALB conflict, and one DNS name cannot point at two load balancers), so give this one its own host";

describe("publicHostProblems", () => {
  it.each([
    { name: "distinct hosts, one internal application", given: spec({ grafana: "grafana.example.com", hosts: { api: "api.example.com", worker: undefined } }), expected: [] },
    { name: "a wildcard and a host under it", given: spec({ hosts: { api: "api.example.com", all: "*.example.com" } }), expected: [] },
    { name: "the Argo CD host reused by the managed capability's platform (AWS serves Argo CD elsewhere)", given: spec({ mode: "eks-capability", hosts: { api: "argocd.example.com" } }), expected: [] },
    { name: "two applications on one host", given: spec({ hosts: { api: "api.example.com", web: "api.example.com" } }), expected: [`applications.web.host: api.example.com is already the host of applications.api.host; ${ALREADY}`] },
    { name: "an application on Grafana's host", given: spec({ grafana: "ops.example.com", hosts: { api: "OPS.example.com" } }), expected: [`applications.api.host: OPS.example.com is already the host of monitoring.grafana.host; ${ALREADY}`] },
    { name: "Grafana on Argo CD's host", given: spec({ grafana: "argocd.example.com" }), expected: [`monitoring.grafana.host: argocd.example.com is already the host of gitops.argocdHost; ${ALREADY}`] },
  ])("GIVEN $name WHEN checked THEN $expected.length problems", ({ given, expected }) => {
    expect(publicHostProblems(given).map((problem) => `${problem.path.join(".")}: ${problem.message}`)).toEqual(expected);
  });

  it("GIVEN a spec whose two applications share a host WHEN parsed THEN SPEC_INVALID names the second", () => {
    let error: unknown;
    try {
      parseSpec({ applications: { "api-server": { namespace: "production", host: "shop.example.com" }, web: { namespace: "production", host: "shop.example.com" } } }, "slipway.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).problems).toEqual([`applications.web.host: shop.example.com is already the host of applications.api-server.host; ${ALREADY}`]);
  });
});
