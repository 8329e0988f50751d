import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { isSlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { checkSynthesizedGitOps, writeReport } from "../../src/report/build-report.js";

describe("checkSynthesizedGitOps", () => {
  it("GIVEN the reference platform WHEN its synthesized repository is checked THEN slipway check saw every file, finds no error, and the temporary tree is gone", async () => {
    const before = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("slipway-report-")));
    const result = await checkSynthesizedGitOps(parseSpec({}, "reference"));
    expect(result.kubernetesVersion).toBe("1.35");
    expect(result.argocd).toBe("self-managed");
    expect(result.files).toBeGreaterThan(30);
    expect(result.objects).toBeGreaterThan(30);
    expect(result.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    // Every CEL rule of the reference platform's objects is evaluated (Karpenter's find() rules too, since the
    // Kubernetes CEL libraries): no "not evaluated" note is left.
    expect(result.findings.filter((finding) => finding.message.includes("CEL rule"))).toEqual([]);
    // Files are named as in `slipway synth`'s output folder.
    for (const finding of result.findings) expect(finding.file.startsWith("gitops/")).toBe(true);
    expect(result.notes.join(" ")).toContain("--charts");
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("slipway-report-") && !before.has(name))).toEqual([]);
  });
});

describe("writeReport", () => {
  it("GIVEN a folder WHEN the page is written THEN DIR/index.html holds it and no staging file is left", async () => {
    const directory = join(mkdtempSync(join(tmpdir(), "slipway-write-report-")), "new", "report");
    const file = await writeReport(directory, "<!DOCTYPE html>\n");
    expect(file).toBe(join(directory, "index.html"));
    expect(readFileSync(file, "utf8")).toBe("<!DOCTYPE html>\n");
    expect(readdirSync(directory)).toEqual(["index.html"]);
  });

  it("GIVEN a relative folder WHEN the page is written THEN the absolute path of the page is returned", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-write-report-"));
    const file = await writeReport(relative(process.cwd(), join(directory, "report")), "page");
    expect(file).toBe(join(directory, "report", "index.html"));
  });

  it("GIVEN index.html is a folder WHEN the page is written THEN it fails with OUTPUT_UNWRITABLE naming the file, leaving no staging file", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-write-report-"));
    mkdirSync(join(directory, "index.html"));
    const error = await writeReport(directory, "page").catch((caught: unknown) => caught);
    expect(isSlipwayError(error) && error.code).toBe("OUTPUT_UNWRITABLE");
    expect(isSlipwayError(error) && error.where).toBe(join(directory, "index.html"));
    expect(readdirSync(directory)).toEqual(["index.html"]);
  });

  it("GIVEN two pages written to one folder at once WHEN both finish THEN both succeed and the page is one of them, whole", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-write-report-"));
    const pages = ["a", "b"].map((letter) => `<!DOCTYPE html>${letter.repeat(2 * 1024 * 1024)}`);
    await Promise.all(pages.map((page) => writeReport(directory, page)));
    expect(pages).toContain(readFileSync(join(directory, "index.html"), "utf8"));
    expect(readdirSync(directory)).toEqual(["index.html"]);
  });

  it.skipIf(process.getuid?.() === 0)("GIVEN a read-only folder with a page WHEN a new page is written THEN it fails and the old page is untouched", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-write-report-"));
    writeFileSync(join(directory, "index.html"), "old");
    chmodSync(directory, 0o555);
    try {
      await expect(writeReport(directory, "new")).rejects.toThrow(/could not write|cannot write/);
      expect(readFileSync(join(directory, "index.html"), "utf8")).toBe("old");
    } finally {
      chmodSync(directory, 0o755);
    }
    expect(existsSync(join(directory, "index.html"))).toBe(true);
  });
});
