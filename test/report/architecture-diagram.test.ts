import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { architectureOf, type Architecture } from "../../src/report/architecture.js";
import { architectureDiagram, DIAGRAM_WIDTH } from "../../src/report/architecture-diagram.js";

const reference = architectureOf(parseSpec({}, "reference"));

/** The boxes of a diagram, as kind and title. */
function nodes(svg: string): { kind: string; title: string }[] {
  return [...svg.matchAll(/<g class="node node-([a-z]+)" data-kind="[a-z]+"><title>([^<]*)<\/title>/g)].map((match) => ({ kind: match[1]!, title: match[2]!.split("\n")[0]! }));
}

const hostile = "<script>alert(1)</script>";

describe("architectureDiagram", () => {
  it("GIVEN the reference platform WHEN drawn THEN there is a box for the VPC, each zone's subnets, the ALB, EKS, Argo CD, each node group and NodePool, each add-on namespace, the team, its namespaces and the application", () => {
    const svg = architectureDiagram(reference).text;
    const kinds = nodes(svg).map((node) => node.kind);
    const count = (kind: string) => kinds.filter((candidate) => candidate === kind).length;
    expect(count("vpc")).toBe(1);
    expect(count("public")).toBe(3);
    expect(count("private")).toBe(3);
    expect(count("alb")).toBe(1);
    expect(count("eks")).toBe(2);
    expect(count("argocd")).toBe(1);
    expect(count("nodes")).toBe(2);
    expect(count("karpenter")).toBe(2);
    expect(count("addons")).toBe(reference.addonNamespaces.length);
    expect(count("team")).toBe(1);
    expect(count("namespace")).toBe(3);
    expect(count("app")).toBe(1);
    // team → 3 namespaces, production → api-server
    expect(svg.match(/class="edge"/g)).toHaveLength(4);
    expect(svg).toContain(`width="${DIAGRAM_WIDTH}"`);
    expect(svg).toContain("https://argocd.example.com → Argo CD UI");
  });

  it("GIVEN the same architecture WHEN drawn twice THEN the SVG is byte-identical", () => {
    expect(architectureDiagram(architectureOf(parseSpec({}, "reference"))).text).toBe(architectureDiagram(reference).text);
  });

  it("GIVEN a single NAT gateway WHEN drawn THEN only the first zone's public subnet has one", () => {
    const svg = architectureDiagram({ ...reference, vpc: { ...reference.vpc, natGateways: "single" } }).text;
    expect(svg.match(/NAT gateway \(the only one\)/g)).toHaveLength(2); // the text and its tooltip
    expect(svg.match(/no NAT gateway \(single\)/g)).toHaveLength(4);
  });

  it("GIVEN hostile names in every field WHEN drawn THEN no markup gets through: every name appears escaped", () => {
    const architecture: Architecture = {
      ...reference,
      clusterName: hostile,
      region: `"><script>`,
      vpc: { ...reference.vpc, cidr: hostile, zones: [hostile, "b"] },
      nodeGroups: [{ name: hostile, instanceTypes: [hostile], minSize: 1, maxSize: 2, capacityType: hostile, taints: [hostile] }],
      nodePools: [{ name: hostile, capacityType: hostile, share: hostile, instances: [hostile] }],
      addonNamespaces: [{ namespace: hostile, addons: [{ name: hostile, chart: hostile, version: hostile }] }],
      ingressHosts: [{ host: hostile, target: hostile }],
      managedAddons: [{ name: hostile, version: hostile }],
      tenancy: [{ team: hostile, namespaces: [{ name: hostile, podSecurity: hostile, applications: [{ name: hostile, kind: "rollout", host: hostile }] }] }],
    };
    const svg = architectureDiagram(architecture).text;
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script&gt;");
    // Every tag is one the diagram writes.
    expect(new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((match) => match[1]))).toEqual(new Set(["svg", "defs", "marker", "path", "g", "title", "rect", "text"]));
  });

  it("GIVEN a name longer than its box WHEN drawn THEN the text is cut with an ellipsis and the tooltip keeps it whole", () => {
    const long = `team-${"x".repeat(200)}`;
    const svg = architectureDiagram({ ...reference, tenancy: [{ team: long, namespaces: [] }] }).text;
    expect(svg).toContain(`<title>${long}</title>`);
    expect(svg).toMatch(/>team-x+…<\/text>/);
  });

  it("GIVEN a team without namespaces and namespaces of no team WHEN drawn THEN both show, the latter under (no team)", () => {
    const svg = architectureDiagram({
      ...reference,
      tenancy: [
        { team: "empty", namespaces: [] },
        { team: undefined, namespaces: [{ name: "sandbox", podSecurity: "baseline", applications: [] }] },
      ],
    }).text;
    expect(nodes(svg).filter((node) => node.kind === "team").map((node) => node.title)).toEqual(["empty", "(no team)"]);
    expect(nodes(svg).filter((node) => node.kind === "namespace").map((node) => node.title)).toEqual(["sandbox (baseline)"]);
  });
});
