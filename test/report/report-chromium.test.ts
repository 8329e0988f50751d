/**
 * The report as a person sees it: Debian's headless Chromium (puppeteer-core drives it)
 * opens DIR/index.html from file://, and the test asserts what rendered, takes
 * screenshots, and fails on any console error, page error or request other than the file
 * itself (so the page provably needs nothing from anywhere else).
 *
 * Chromium: `apt-get install chromium` (scripts/setup.sh does on Debian and Ubuntu). Elsewhere
 * set SLIPWAY_CHROMIUM to a Chromium or Chrome executable (macOS: brew install --cask
 * chromium, then SLIPWAY_CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium);
 * without one the test is skipped with that message.
 */
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateCost } from "../../src/cost/estimate.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { buildReport, writeReport } from "../../src/report/build-report.js";
import { simulationResult } from "../../src/simulate/simulation-result.js";
import { simulationFixture } from "../support/simulation-fixture.js";

const CHROMIUM = process.env.SLIPWAY_CHROMIUM ?? "/usr/bin/chromium";
const MISSING = !existsSync(CHROMIUM);
if (MISSING) {
  console.warn(
    `SKIPPED: the report's browser test needs Chromium at ${CHROMIUM}: apt-get install chromium (scripts/setup.sh), or set SLIPWAY_CHROMIUM to a Chromium/Chrome executable (macOS: brew install --cask chromium; SLIPWAY_CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium)`,
  );
}

const spec = parseSpec({}, "reference");
const hostile = `<img src="https://example.com/pixel.png"><script>window.injected = true</script>`;

interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

describe.skipIf(MISSING)("the report in headless Chromium", () => {
  let browser: Browser;
  const directory = mkdtempSync(join(tmpdir(), "slipway-report-chromium-"));

  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root cannot use Chromium's sandbox (containers, CI); the page is our own file.
      args: [...(process.getuid?.() === 0 ? ["--no-sandbox"] : []), "--disable-gpu", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a page, recording every console error, page error and request that is not `file`. */
  async function open(file: string): Promise<Opened> {
    const page = await browser.newPage();
    // Wide enough for the page's 1200 px diagram at its own size (main is 1292 px with padding).
    await page.setViewport({ width: 1320, height: 900 });
    const problems: string[] = [];
    const url = pathToFileURL(file).href;
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warn") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${(error as Error).message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    page.on("request", (request) => {
      if (request.url() !== url) problems.push(`request other than the page: ${request.url()}`);
    });
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response?.ok()).toBe(true);
    return { page, problems };
  }

  it("GIVEN the reference platform and a simulation WHEN opened from file:// THEN the diagram, every section and the three plots render, with no console error and no request but the page", async () => {
    const simulation = simulationFixture(spec);
    const html = await buildReport({ spec, specSource: "the reference platform", slipwayVersion: "test", cost: estimateCost(spec, { simulation }), simulation: { result: simulation, source: "simulation.json" } });
    const file = await writeReport(join(directory, "with-simulation"), html);
    const { page, problems } = await open(file);

    const sections = await page.$$eval("main > section", (elements) => elements.map((element) => element.id));
    expect(sections).toEqual(["architecture", "addons", "findings", "simulation", "cost"]);
    const diagram = await page.$eval("svg.architecture", (svg) => ({ nodes: svg.querySelectorAll("g.node").length, edges: svg.querySelectorAll("path.edge").length, width: svg.getBoundingClientRect().width }));
    expect(diagram.nodes).toBeGreaterThan(20);
    expect(diagram.edges).toBe(4);
    expect(diagram.width).toBe(1200);
    for (const plot of ["plot-replicas", "plot-nodes", "plot-cost"]) {
      const drawn = await page.$eval(`#${plot} svg`, (svg) => ({
        series: svg.querySelectorAll(".series").length,
        legend: svg.querySelectorAll(".legend-item").length,
        // A drawn path has a real extent on screen.
        height: Math.max(...[...svg.querySelectorAll("path.series")].map((path) => (path as unknown as { getBBox(): { height: number } }).getBBox().height)),
      }));
      expect(drawn.series, plot).toBeGreaterThan(0);
      expect(drawn.legend, plot).toBe(drawn.series);
      expect(drawn.height, plot).toBeGreaterThan(10);
    }
    expect(await page.$$eval("#addons tbody tr", (rows) => rows.length)).toBeGreaterThan(13);
    expect(await page.$eval("#cost .total", (element) => element.textContent)).toMatch(/^Total \$[0-9,]+\.[0-9]{2} per month/);
    expect(await page.$eval("#findings .counts", (element) => element.textContent)).toMatch(/0 errors/);

    const screenshot = join(directory, "with-simulation.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    await (await page.$("svg.architecture"))!.screenshot({ path: join(directory, "architecture.png") });
    await (await page.$("#simulation"))!.screenshot({ path: join(directory, "simulation.png") });
    expect(statSync(screenshot).size).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("GIVEN no simulation WHEN opened THEN the page says how to make one and has no plot", async () => {
    const html = await buildReport({ spec, specSource: "the reference platform", slipwayVersion: "test", cost: estimateCost(spec) });
    const { page, problems } = await open(await writeReport(join(directory, "without-simulation"), html));
    expect(await page.$$("figure.plot")).toHaveLength(0);
    expect(await page.$eval("#simulation", (element) => element.textContent)).toContain("slipway simulate --out DIR");
    await page.screenshot({ path: join(directory, "without-simulation.png"), fullPage: true });
    // In a narrower window the diagram scales down instead of running off the page.
    await page.setViewport({ width: 1024, height: 800 });
    const narrow = await page.evaluate(() => {
      const document = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number }; querySelector(selector: string): { getBoundingClientRect(): { width: number } } } }).document;
      return { page: document.scrollingElement.scrollWidth, diagram: document.querySelector("svg.architecture").getBoundingClientRect().width };
    });
    expect(narrow.page).toBeLessThanOrEqual(1024);
    expect(narrow.diagram).toBeLessThan(1000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("GIVEN hostile names in the simulation WHEN opened THEN they show as text: no element, no script run, no request", async () => {
    const simulation = simulationFixture(spec, { durationSeconds: 600 });
    const hostileSimulation = simulationResult.parse({
      ...simulation,
      load: { pattern: hostile },
      samples: simulation.samples.map((sample) => ({ ...sample, replicas: { [hostile]: sample.replicas["api-server"] ?? 1 }, nodes: sample.nodes.map((node) => ({ ...node, pool: hostile })) })),
    });
    const html = await buildReport({ spec, specSource: hostile, slipwayVersion: "test", cost: estimateCost(spec), simulation: { result: hostileSimulation, source: hostile } });
    const { page, problems } = await open(await writeReport(join(directory, "hostile"), html));
    expect(await page.$$("img, script")).toHaveLength(0);
    expect(await page.evaluate(() => (globalThis as { injected?: boolean }).injected)).toBeUndefined();
    expect(await page.$eval("header p", (element) => element.textContent)).toContain(hostile);
    expect(problems).toEqual([]);
    await page.close();
  });
});
