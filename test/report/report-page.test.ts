import { describe, expect, it } from "vitest";
import type { CostEstimate } from "../../src/cost/cost-estimate.js";
import { estimateCost } from "../../src/cost/estimate.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { addonVersions } from "../../src/report/addon-versions.js";
import { architectureOf } from "../../src/report/architecture.js";
import { REPORT_CONTENT_SECURITY_POLICY, reportPage, type ReportContent } from "../../src/report/report-page.js";
import { simulationResult } from "../../src/simulate/simulation-result.js";
import { simulationFixture } from "../support/simulation-fixture.js";

const spec = parseSpec({}, "reference");
const hostile = `</title></style><script>alert("x")</script><img src="https://example.com/x.png">`;

function content(overrides: Partial<ReportContent> = {}): ReportContent {
  const architecture = architectureOf(spec);
  return {
    specSource: "the reference platform",
    slipwayVersion: "1.2.3",
    architecture,
    addons: addonVersions(spec, architecture),
    findings: { kubernetesVersion: "1.35", argocd: "self-managed", findings: [], files: 49, objects: 60, suppressed: 0, notes: [] },
    cost: estimateCost(spec),
    ...overrides,
  };
}

/** Tags the page may hold: the ones its templates write. A hostile string that became markup shows up here. */
const PAGE_TAGS = new Set(["html", "head", "meta", "title", "style", "body", "header", "h1", "p", "nav", "a", "main", "section", "h2", "h3", "svg", "defs", "marker", "path", "g", "rect", "text", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "code", "span", "ul", "li", "div", "dl", "dt", "dd", "figure", "line", "circle", "strong", "footer"]);

describe("reportPage", () => {
  it("GIVEN the reference platform WHEN rendered THEN it is one document with every section, a strict Content-Security-Policy and nothing that loads from elsewhere", () => {
    const page = reportPage(content());
    expect(page.startsWith("<!DOCTYPE html>\n<html")).toBe(true);
    for (const id of ["architecture", "addons", "findings", "simulation", "cost"]) expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">`);
    expect(REPORT_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)|src=/i);
    // The only links are in-page anchors.
    expect([...page.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.startsWith("#"))).not.toContain(false);
    expect(page).toContain("No simulation was given");
    expect(page).toContain("slipway simulate");
  });

  it("GIVEN the same content WHEN rendered twice THEN the pages are byte-identical (no timestamp)", () => {
    expect(reportPage(content())).toBe(reportPage(content()));
  });

  it("GIVEN hostile strings in the simulation, the findings, the cost and the spec source WHEN rendered THEN none becomes markup", () => {
    const simulation = simulationFixture(spec, { durationSeconds: 300, stepSeconds: 60 });
    const hostileSimulation = simulationResult.parse({
      ...simulation,
      platform: { name: hostile, region: hostile },
      load: { pattern: hostile, source: hostile },
      speed: { factor: 20, scaled: [hostile] },
      prices: { source: hostile, spotRatio: 0.7 },
      samples: simulation.samples.map((sample) => ({
        ...sample,
        replicas: { [hostile]: 3 },
        nodes: sample.nodes.map((node) => ({ ...node, pool: hostile, instanceType: hostile })),
      })),
    });
    const cost: CostEstimate = {
      ...estimateCost(spec),
      region: hostile,
      basis: hostile,
      idle: [{ what: hostile, monthlyUsd: 1, why: hostile }],
      priceSources: [{ table: hostile, date: hostile, source: hostile }],
      assumptions: [hostile],
      components: [{ id: "ecr", title: hostile, monthlyUsd: 1, lines: [{ description: hostile, monthlyUsd: 1, idleMonthlyUsd: 1 }] }],
    };
    const page = reportPage(
      content({
        specSource: hostile,
        slipwayVersion: hostile,
        cost,
        simulation: { result: hostileSimulation, source: hostile },
        findings: {
          kubernetesVersion: hostile,
          argocd: hostile,
          findings: [{ ruleId: hostile, severity: "error", file: hostile, line: 3, object: hostile, message: hostile, fix: hostile }],
          files: 1,
          objects: 1,
          suppressed: 0,
          notes: [hostile],
        },
      }),
    );
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    const tags = new Set([...page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1]!.toLowerCase()));
    expect([...tags].filter((tag) => !PAGE_TAGS.has(tag))).toEqual([]);
    // One <title> in the head, one <style>: the hostile "</title></style>" closed neither.
    expect(page.match(/<\/title>/g)!.length).toBe(page.match(/<title>/g)!.length);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it("GIVEN a simulation WHEN rendered THEN the three plots replace the note", () => {
    const page = reportPage(content({ simulation: { result: simulationFixture(spec), source: "out/simulation.json" } }));
    for (const id of ["plot-replicas", "plot-nodes", "plot-cost"]) expect(page).toContain(`<figure class="plot" id="${id}"><svg class="chart"`);
    expect(page).not.toContain("No simulation was given");
    expect(page).toContain("×20");
  });
});
