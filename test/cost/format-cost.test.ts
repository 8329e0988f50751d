import { describe, expect, it } from "vitest";
import { costText, formatCost } from "../../src/cost/format-cost.js";
import type { CostEstimate } from "../../src/cost/cost-estimate.js";

const estimate: CostEstimate = {
  region: "eu-west-1",
  basis: "min/max replicas",
  components: [
    { id: "eks-control-plane", title: "EKS control plane", monthlyUsd: 74, lines: [{ description: "control plane", monthlyUsd: 73 }, { description: "KMS key", monthlyUsd: 1 }] },
    {
      id: "karpenter-capacity",
      title: "Karpenter capacity (ESTIMATE)",
      monthlyUsd: 147.17,
      range: { lowUsd: 147.17, highUsd: 532.61 },
      lines: [{ description: "3 × c6i.large spot", monthlyUsd: 147.17 }],
    },
    { id: "managed-node-groups", title: "Managed node groups", monthlyUsd: 156.22, lines: [{ description: "system: 2 × m6i.large", monthlyUsd: 156.22, idleMonthlyUsd: 143.67 }] },
  ],
  totalMonthlyUsd: 377.39,
  totalRange: { lowUsd: 377.39, highUsd: 762.83 },
  idle: [{ what: "node group system", monthlyUsd: 143.67, why: "no application tolerates its taint" }],
  priceSources: [{ table: "EC2 eu-west-1", date: "2026-11-30", source: "aws.amazon.com" }],
  assumptions: ["a month is 730 hours"],
};

describe("formatCost", () => {
  it("GIVEN an estimate WHEN printed as text THEN the table aligns components, monthly USD and ranges, and every section follows", () => {
    const text = costText(estimate);
    expect(text.split("\n").slice(0, 8)).toEqual([
      "Monthly cost estimate in eu-west-1 (basis: min/max replicas; USD, list prices)",
      "",
      "component                      monthly USD  range USD",
      "EKS control plane                    74.00",
      "Karpenter capacity (ESTIMATE)       147.17  147.17 – 532.61",
      "Managed node groups                 156.22",
      "-".repeat("total                               377.39  377.39 – 762.83".length),
      "total                               377.39  377.39 – 762.83",
    ]);
    expect(text).toContain("    156.22  system: 2 × m6i.large (idle 143.67)\n");
    expect(text).toContain("Idle capacity (included above)\n  143.67  node group system: no application tolerates its taint\n");
    expect(text).toContain("Price sources\n  - EC2 eu-west-1, 2026-11-30: aws.amazon.com\n");
    expect(text).toContain("Assumptions\n  - a month is 730 hours\n");
  });

  it("GIVEN an estimate WHEN printed as JSON THEN it parses back to the same estimate", () => {
    expect(JSON.parse(formatCost(estimate, "json"))).toEqual(estimate);
    expect(formatCost(estimate, "json").endsWith("}\n")).toBe(true);
  });
});
