import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { runCli } from "../support/cli.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";
import { simulationFixture } from "../support/simulation-fixture.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "slipway-report-cli-"));
const simulationJson = () => JSON.stringify(simulationFixture(parseSpec({}, "reference"), { durationSeconds: 1800 }));

describe("slipway report", () => {
  it("GIVEN no spec WHEN reporting twice THEN each writes DIR/index.html, byte-identical, and says there is no simulation", async () => {
    const cwd = tempDir();
    const first = await runCli(["report", "--out", "first"], cwd);
    const second = await runCli(["report", "--out", "second"], cwd);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(first.stdout).toContain(`wrote ${join(cwd, "first", "index.html")}`);
    expect(first.stdout).toContain("no simulation");
    const page = readFileSync(join(cwd, "first", "index.html"), "utf8");
    expect(page).toBe(readFileSync(join(cwd, "second", "index.html"), "utf8"));
    expect(page).toContain("No simulation was given");
    expect(page).toContain("the reference platform");
  });

  it("GIVEN DIR/simulation.json WHEN reporting into DIR THEN the page plots it and the cost is taken from it; --simulation FILE does the same from elsewhere", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "out"));
    writeFileSync(join(cwd, "out", "simulation.json"), simulationJson());
    const found = await runCli(["report", "--out", "out"], cwd);
    expect(found.stderr).toBe("");
    expect(found.status).toBe(0);
    expect(found.stdout).toContain("simulation out/simulation.json");
    const page = readFileSync(join(cwd, "out", "index.html"), "utf8");
    expect(page).toContain('id="plot-replicas"');
    expect(page).toContain("load from simulation out/simulation.json");

    writeFileSync(join(cwd, "elsewhere.json"), simulationJson());
    const given = await runCli(["report", "--simulation", "elsewhere.json", "--out", "other"], cwd);
    expect(given.status).toBe(0);
    expect(readFileSync(join(cwd, "other", "index.html"), "utf8")).toContain('id="plot-nodes"');
  });

  it.skipIf(needsShared("slipway report --charts"))("GIVEN --charts with the pinned charts WHEN reporting THEN what the add-ons install is checked and their pods are placed in the cost", async () => {
    const cwd = tempDir();
    const result = await runCli(["report", "--charts", SHARED_CHARTS_DIR, "--out", "out"], cwd);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const page = readFileSync(join(cwd, "out", "index.html"), "utf8");
    expect(page).toContain(`charts were rendered from ${SHARED_CHARTS_DIR}`);
    // The reference repository alone has no warning; the charts' rendered objects have some.
    expect(Number(/<span class="count-value">([0-9]+)<\/span> warnings/.exec(page)![1])).toBeGreaterThan(0);
    expect(page).not.toContain("add-on charts were not rendered");
  });

  it("GIVEN an invalid simulation.json WHEN reporting THEN it exits 1 naming the field, and the page already there is left as it was", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "out"));
    writeFileSync(join(cwd, "out", "index.html"), "previous page");
    const simulation = JSON.parse(simulationJson()) as { samples: { dollarsPerHour: unknown }[] };
    simulation.samples[2]!.dollarsPerHour = "free";
    writeFileSync(join(cwd, "out", "simulation.json"), JSON.stringify(simulation));
    const result = await runCli(["report", "--out", "out"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error SIMULATION_INVALID");
    expect(result.stderr).toContain("samples.2.dollarsPerHour");
    expect(readFileSync(join(cwd, "out", "index.html"), "utf8")).toBe("previous page");
  });

  it("GIVEN an invalid spec WHEN reporting THEN it exits 1 naming the field and writes nothing", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "nodeGroups:\n  system: { instanceTypes: [m6i.large], minSize: 3, maxSize: 1 }\n");
    const result = await runCli(["report", "--out", "out"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nodeGroups.system.maxSize");
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("GIVEN a region without recorded prices WHEN reporting THEN the page is written, its cost section says why there is no estimate, and stderr notes it", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "aws: { region: ap-south-2 }\n");
    const result = await runCli(["report", "--out", "out"], cwd);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("note: no cost estimate in the report: no");
    expect(readFileSync(join(cwd, "out", "index.html"), "utf8")).toMatch(/<section id="cost"><h2>Cost estimate<\/h2><p class="warning">No estimate: no [^<]*ap-south-2/);
  });

  it("GIVEN --out names a file WHEN reporting THEN it fails at once with OUTPUT_UNWRITABLE", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "taken"), "a file");
    const result = await runCli(["report", "--out", "taken"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error OUTPUT_UNWRITABLE");
    expect(readFileSync(join(cwd, "taken"), "utf8")).toBe("a file");
  });

  it.each([
    [[], "--out DIR is required"],
    [["--out", "x", "extra"], 'unexpected argument "extra"'],
    [["--out", "x", "--as-of", "yesterday"], "--as-of must be a date"],
    [["--out", "x", "--as-of", "2026-04-31"], '--as-of must be a date YYYY-MM-DD, not "2026-04-31"'],
  ])("GIVEN %j WHEN reporting THEN it is a usage error: %s", async (args, message) => {
    const result = await runCli(["report", ...args], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
