import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
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

  it("GIVEN a mode WHEN a file is written under a strict umask THEN it has exactly that mode", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    const umask = process.umask(0o077);
    try {
      await writeOutputFile(directory, "tool", "#!/bin/sh\n", { mode: 0o755 });
      await writeOutputFile(directory, "secret.json", "{}", { mode: 0o600 });
    } finally {
      process.umask(umask);
    }
    expect(statSync(join(directory, "tool")).mode & 0o777).toBe(0o755);
    expect(statSync(join(directory, "secret.json")).mode & 0o777).toBe(0o600);
  });

  it("GIVEN bytes and a stream of bytes WHEN written THEN the file holds them in order", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    await writeOutputFile(directory, "bytes", Uint8Array.from([1, 2, 3]));
    await writeOutputFile(directory, "stream", Readable.from([Buffer.from("ab"), Buffer.from("cd")]));
    expect([...readFileSync(join(directory, "bytes"))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(directory, "stream"), "utf8")).toBe("abcd");
  });

  it("GIVEN a stream that fails half-way WHEN written THEN the previous file is untouched and no temporary file is left", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    writeFileSync(join(directory, "binary"), "old");
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("half");
      throw new Error("zip entry truncated");
    }
    await expect(writeOutputFile(directory, "binary", broken())).rejects.toMatchObject({ code: "OUTPUT_UNWRITABLE", message: expect.stringContaining("zip entry truncated") });
    expect(readFileSync(join(directory, "binary"), "utf8")).toBe("old");
    expect(readdirSync(directory)).toEqual(["binary"]);
  });

  it("GIVEN two writes of one file at once in one process WHEN both finish THEN both succeed and the file is whole", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    const big = (letter: string) => letter.repeat(4 * 1024 * 1024);
    await Promise.all([writeOutputFile(directory, "cache.json", big("a")), writeOutputFile(directory, "cache.json", big("b"))]);
    expect([big("a"), big("b")]).toContain(readFileSync(join(directory, "cache.json"), "utf8"));
    expect(readdirSync(directory)).toEqual(["cache.json"]);
  });

  it.each([
    ["the target is a folder", "folder"],
    ["the folder is below a file", "file"],
  ])("GIVEN %s WHEN written with another error code and fix THEN that code, the file and the fix are in the error", async (_what, blocker) => {
    const root = mkdtempSync(join(tmpdir(), "slipway-output-file-"));
    let directory = root;
    if (blocker === "folder") await writeOutputFile(join(root, "cache.json"), "keep", "x");
    else {
      writeFileSync(join(root, "plain"), "");
      directory = join(root, "plain", "below");
    }
    await expect(writeOutputFile(directory, "cache.json", "{}", { errorCode: "LOCAL_CLUSTER", fix: "make it writable" })).rejects.toMatchObject({
      code: "LOCAL_CLUSTER",
      where: join(directory, "cache.json"),
      fix: "make it writable",
    });
  });
});
