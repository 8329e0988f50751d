import { describe, expect, it } from "vitest";
import { lineChart, niceTicks, SERIES_COLOURS } from "../../src/report/line-chart.js";

describe("niceTicks", () => {
  it.each([
    [0, 60, 8, [0, 10, 20, 30, 40, 50, 60]],
    [0, 17, 5, [0, 5, 10, 15, 20]],
    [0, 0.9, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 0, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [3, 3, 5, [3, 4, 5, 6]],
    [0, 1234, 5, [0, 500, 1000, 1500]],
  ])("GIVEN [%s, %s] and about %s ticks WHEN ticked THEN the ticks are %j", (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });

  it.each([
    [0, 1.7e308],
    [-1.7e308, 1.7e308],
    [0, Number.POSITIVE_INFINITY],
  ])("GIVEN the extreme range [%s, %s] WHEN ticked THEN it ends with a few finite ticks", (min, max) => {
    const ticks = niceTicks(min, max, 5);
    expect(ticks.length).toBeLessThanOrEqual(12);
    for (const tick of ticks) expect(Number.isFinite(tick)).toBe(true);
  });
});

const series = [
  { name: "a", points: [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: 3 }] },
  { name: "b", points: [{ x: 0, y: 4 }, { x: 1, y: 4 }, { x: 2, y: 4 }] },
];

describe("lineChart", () => {
  it("GIVEN two series WHEN drawn as lines THEN each is one stroked path in its colour, with axes, axis titles and a legend entry", () => {
    const svg = lineChart({ title: "Replicas", xLabel: "time (minutes)", yLabel: "replicas (pods)", series }).text;
    expect(svg.match(/<path class="series"/g)).toHaveLength(2);
    expect(svg).toContain(`data-series="a" d="M`);
    expect(svg).toContain(`stroke="${SERIES_COLOURS[1]}"`);
    expect(svg.match(/class="axis"/g)).toHaveLength(2);
    expect(svg).toContain(">time (minutes)</text>");
    expect(svg).toContain(">replicas (pods)</text>");
    expect(svg.match(/<g class="legend-item">/g)).toHaveLength(2);
    // y axis from 0 to 4: a's last point (x 2, y 3) sits three quarters up the plot.
    expect(svg).toMatch(/>4<\/text>/);
  });

  it("GIVEN two series WHEN stacked THEN the second area sits on the first: its top is their sum", () => {
    const svg = lineChart({ title: "Nodes", xLabel: "t", yLabel: "nodes", series, stacked: true }).text;
    const paths = [...svg.matchAll(/data-series="([ab])" d="([^"]+)"/g)].map((match) => match[2]!);
    expect(paths).toHaveLength(2);
    // The y scale reaches the stacked top (3 + 4 = 7), ticks 0..8.
    expect(svg).toMatch(/>8<\/text>/);
    // Both areas are closed shapes.
    for (const path of paths) expect(path.endsWith("Z")).toBe(true);
  });

  it("GIVEN one sample, or none WHEN drawn THEN a dot marks the sample and an empty series draws nothing, without NaN", () => {
    const svg = lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "one", points: [{ x: 5, y: 2 }] }, { name: "none", points: [] }] }).text;
    expect(svg).toContain('<circle class="series" data-series="one"');
    expect(svg).not.toContain('data-series="none"');
    expect(svg).not.toContain("NaN");
    expect(lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [] }).text).not.toContain("NaN");
  });

  it("GIVEN 300,000 points WHEN drawn THEN it draws them (no argument-count limit) with finite coordinates", () => {
    const points = Array.from({ length: 300_000 }, (_, index) => ({ x: index, y: index % 7 }));
    const svg = lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "many", points }] }).text;
    expect(svg).toContain('data-series="many"');
    expect(svg).not.toContain("NaN");
  });

  it("GIVEN hostile series names and titles WHEN drawn THEN they are escaped", () => {
    const svg = lineChart({ title: "<b>", xLabel: "</text><script>", yLabel: "y", series: [{ name: '"><script>x</script>', points: [{ x: 0, y: 1 }] }] }).text;
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain("&lt;/text&gt;&lt;script&gt;");
  });
});
