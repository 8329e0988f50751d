import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { writeOutputFile } from "../../src/synth/output-file.js";

describe("writeOutputFile", () => {
  it("GIVEN a folder that does not exist WHEN a file is written THEN the folder is made and holds only the file, whole", async () => {
    const directory = join(mkdtempSync(join(tmpdir(), "slipway-output-file-")), "out");
    expect(await writeOutputFile(directory, "result.json", "{}\n")).toBe(join(directory, "result.json"));
    expect(readdirSync(directory)).toEqual(["result.json"]);
    expect(readFileSync(join(directory, "result.json"), "utf8")).toBe("{}\n");
  });

  it("GIVEN a previous file WHEN it is written again THEN it is replaced", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    writeFileSync(join(directory, "result.json"), "old");
    await writeOutputFile(directory, "result.json", "new");
    expect(readFileSync(join(directory, "result.json"), "utf8")).toBe("new");
  });

  it("GIVEN a target that is a folder WHEN written THEN OUTPUT_UNWRITABLE names it, and no temporary file is left", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    await writeOutputFile(join(directory, "result.json"), "keep", "x");
    const error = await writeOutputFile(directory, "result.json", "{}").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).code).toBe("OUTPUT_UNWRITABLE");
    expect((error as SlipwayError).message).toContain(join(directory, "result.json"));
    expect(readdirSync(directory)).toEqual(["result.json"]);
  });
});
