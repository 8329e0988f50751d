import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { REPO_ROOT } from "../support/paths.js";
import type { CostEstimate } from "../../src/cost/cost-estimate.js";

describe("slipway cost", () => {
  const cwd = mkdtempSync(join(tmpdir(), "slipway-cost-"));

  it("GIVEN no spec WHEN `slipway cost` runs THEN it prints the reference platform's table, idle capacity, price sources and assumptions, twice the same", async () => {
    const first = await runCli(["cost", "--as-of", "2026-11-30"], cwd);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Monthly cost estimate in eu-west-1 (basis: min/max replicas; USD, list prices)");
    expect(first.stdout).toMatch(/\nEKS control plane +74\.00\n/);
    expect(first.stdout).toMatch(/\nKarpenter capacity \(ESTIMATE\) +147\.17  147\.17 – 532\.61\n/);
    expect(first.stdout).toContain("`slipway simulate` runs the real Karpenter");
    expect(first.stdout).toContain("Idle capacity (included above)\n");
    expect(first.stdout).toContain("no application tolerates its taint CriticalAddonsOnly=true:NoSchedule");
    expect(first.stdout).toContain("spot instances cost 70% of on-demand");
    const second = await runCli(["cost", "--as-of", "2026-11-30"], cwd);
    expect(second.stdout).toBe(first.stdout);
  });

  it("GIVEN --output json and a simulation folder WHEN `slipway cost` runs THEN the JSON estimate takes Karpenter from the simulation", async () => {
    const run = mkdtempSync(join(tmpdir(), "slipway-cost-run-"));
    const sample = (t: number, count: number) => ({
      t,
      requestsPerSecond: {},
      replicas: {},
      desiredReplicas: {},
      pendingPods: 0,
      nodes: [{ pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.xlarge", count }],
      dollarsPerHour: 0,
    });
    writeFileSync(
      join(run, "simulation.json"),
      JSON.stringify({
        schemaVersion: 1,
        platform: { name: "production-cluster", region: "eu-west-1" },
        load: { pattern: "steady" },
        speed: { factor: 20, scaled: [] },
        durationSeconds: 100,
        wallSeconds: 5,
        prices: { source: "eu-west-1", spotRatio: 0.7 },
        samples: [sample(0, 2), sample(100, 2)],
      }),
    );
    const result = await runCli(["cost", "--load", run, "--output", "json", "--as-of", "2026-11-30"], cwd);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const estimate = JSON.parse(result.stdout) as CostEstimate;
    expect(estimate.basis).toBe(`simulation ${join(run, "simulation.json")}`);
    const karpenter = estimate.components.find((component) => component.id === "karpenter-capacity")!;
    expect(karpenter.monthlyUsd).toBeCloseTo(2 * 0.192 * 0.7 * 730, 2);
  });

  it.each([
    // argv, exit code, error text
    [["cost", "--load", "missing.json"], 1, "error INPUT_UNREADABLE: no simulation at "],
    [["cost", "--output", "yaml"], 2, 'error USAGE: --output must be text or json, not "yaml"'],
    [["cost", "--as-of", "tomorrow"], 2, 'error USAGE: --as-of must be a date YYYY-MM-DD, not "tomorrow"'],
    [["cost", "--as-of", "2026-02-30"], 2, 'error USAGE: --as-of must be a date YYYY-MM-DD, not "2026-02-30"'],
    [["cost", "--as-of", "2027-02-29"], 2, 'error USAGE: --as-of must be a date YYYY-MM-DD, not "2027-02-29"'],
  ])("GIVEN %j WHEN `slipway cost` runs THEN it exits %s with %s and no stack trace", async (argv, status, text) => {
    const result = await runCli(argv, cwd);
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(text);
    expect(result.stderr).not.toContain("    at ");
  });

  it("GIVEN a spec in a region without prices WHEN `slipway cost` runs THEN PRICE_UNKNOWN names aws.region and the regions known", async () => {
    const dir = mkdtempSync(join(tmpdir(), "slipway-cost-region-"));
    writeFileSync(join(dir, "slipway.yaml"), "aws:\n  region: ap-south-1\n");
    const result = await runCli(["cost"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error PRICE_UNKNOWN: no AWS service prices are known for region ap-south-1");
    expect(result.stderr).toContain("where: aws.region");
    expect(result.stderr).toContain("eu-west-1, us-east-1");
  });

  it("GIVEN a simulation.json that breaks the schema WHEN `slipway cost --load` runs THEN SIMULATION_INVALID names the file and each field", async () => {
    const file = join(cwd, "broken.json");
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, samples: "no" }));
    const result = await runCli(["cost", "--load", file], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error SIMULATION_INVALID: ${file} is not a simulation.json`);
    expect(result.stderr).toContain(`where: ${file}`);
    expect(result.stderr).toContain("samples: ");
    expect(result.stderr).toContain("platform: ");
  });
});

describe.skipIf(!CHARTS_AVAILABLE)("slipway cost --charts", () => {
  it("GIVEN --charts ../shared/charts WHEN `slipway cost` runs THEN the add-ons' pods are placed on the node groups, so their idle capacity shrinks", async () => {
    const plain = JSON.parse((await runCli(["cost", "--output", "json", "--as-of", "2026-11-30"], REPO_ROOT)).stdout) as CostEstimate;
    const result = await runCli(["cost", "--charts", "../shared/charts", "--output", "json", "--as-of", "2026-11-30"], REPO_ROOT, { SLIPWAY_CHARTS: "" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const rendered = JSON.parse(result.stdout) as CostEstimate;
    expect(rendered.assumptions.join("\n")).not.toContain("add-on charts were not rendered");
    for (const group of ["node group system", "node group application"]) {
      const idle = (estimate: CostEstimate) => estimate.idle.find((entry) => entry.what.startsWith(group))!.monthlyUsd;
      expect(idle(rendered), group).toBeLessThan(idle(plain));
      expect(idle(rendered), group).toBeGreaterThan(0);
    }
  }, 600_000);
});
