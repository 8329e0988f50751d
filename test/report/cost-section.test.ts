import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/cost/estimate.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { costSection, formatUsd } from "../../src/report/cost-section.js";

describe("formatUsd", () => {
  it.each([
    [0, "$0.00"],
    [0.004, "$0.00"],
    [0.005, "$0.01"],
    [12.5, "$12.50"],
    [1234.567, "$1,234.57"],
    [1234567.891, "$1,234,567.89"],
    [-42.1, "-$42.10"],
    [Number.NaN, "$0.00"],
  ])("GIVEN %s WHEN formatted THEN it reads %s", (value, expected) => {
    expect(formatUsd(value)).toBe(expected);
  });
});

describe("costSection", () => {
  it("GIVEN the reference platform's estimate WHEN shown THEN every component, the total with its range, the idle capacity, the price sources and the assumptions are there", () => {
    const estimate = estimateCost(parseSpec({}, "reference"));
    const text = costSection(estimate).text;
    for (const component of estimate.components) expect(text).toContain(`<th scope="row">${component.title}</th><td class="money">${formatUsd(component.monthlyUsd)}</td>`);
    expect(text).toContain(`Total <strong>${formatUsd(estimate.totalMonthlyUsd)}</strong> per month (range ${formatUsd(estimate.totalRange.lowUsd)} – ${formatUsd(estimate.totalRange.highUsd)})`);
    expect(estimate.idle.length).toBeGreaterThan(0);
    expect(text.match(/<table class="idle">.*?<\/table>/s)![0].match(/<tr>/g)).toHaveLength(estimate.idle.length + 1);
    expect(text.match(/<h3>Assumptions<\/h3><ul>(.*?)<\/ul>/s)![1]!.match(/<li>/g)).toHaveLength(estimate.assumptions.length);
    expect(text.match(/<h3>Price sources<\/h3><ul>(.*?)<\/ul>/s)![1]!.match(/<li>/g)).toHaveLength(estimate.priceSources.length);
  });

  it("GIVEN a line of no cost WHEN shown THEN it reads as a note (a dash), not as $0.00", () => {
    const estimate = estimateCost(parseSpec({}, "reference"));
    const text = costSection({ ...estimate, components: [{ id: "ecr", title: "ECR", monthlyUsd: 1, lines: [{ description: "a note", monthlyUsd: 0 }, { description: "a repository", monthlyUsd: 1 }] }] }).text;
    expect(text).toContain('<td>a note</td><td class="money">—</td>');
    expect(text).toContain('<td>a repository</td><td class="money">$1.00</td>');
  });

  it("GIVEN no estimate (prices unknown) WHEN shown THEN the section says why and how to get one, escaped", () => {
    const text = costSection({ unavailable: "no EC2 prices are known for region <ap-south-2>", fix: "add them" }).text;
    expect(text).toContain('<p class="warning">No estimate: no EC2 prices are known for region &lt;ap-south-2&gt;.</p><p>add them</p>');
  });
});
