import { existsSync, mkdirSync, mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { assertOutputWritable, ensureOutputDirectory } from "../../src/synth/output-directory.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "slipway-out-"));
}

function failure(action: () => void): SlipwayError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    return error as SlipwayError;
  }
  throw new Error("expected OUTPUT_UNWRITABLE");
}

describe("GIVEN an output folder", () => {
  it("WHEN it is new and nested THEN ensureOutputDirectory creates it and assertOutputWritable leaves nothing behind", () => {
    const root = tempDir();
    assertOutputWritable(join(root, "a", "b", "out"));
    expect(existsSync(join(root, "a"))).toBe(false);
    expect(ensureOutputDirectory(join(root, "a", "b", "out"))).toEqual([join(root, "a"), join(root, "a", "b"), join(root, "a", "b", "out")]);
    expect(existsSync(join(root, "a", "b", "out"))).toBe(true);
  });

  it("WHEN it already exists THEN nothing is created", () => {
    const root = tempDir();
    expect(ensureOutputDirectory(root)).toEqual([]);
  });

  it("WHEN it is an existing file THEN OUTPUT_UNWRITABLE says it is not a folder", () => {
    const root = tempDir();
    writeFileSync(join(root, "out"), "x");
    const error = failure(() => assertOutputWritable(join(root, "out")));
    expect(error).toMatchObject({ code: "OUTPUT_UNWRITABLE", where: join(root, "out"), message: `${join(root, "out")} exists and is not a folder` });
    expect(error.fix).toContain("--out");
  });

  it("WHEN a parent is a file THEN OUTPUT_UNWRITABLE names that file", () => {
    const root = tempDir();
    writeFileSync(join(root, "file"), "x");
    const error = failure(() => assertOutputWritable(join(root, "file", "sub", "out")));
    expect(error.message).toBe(`${join(root, "file")} is a file, so ${join(root, "file", "sub", "out")} cannot be a folder below it`);
  });

  it("WHEN it is below /proc THEN it fails at once instead of looping (Node's recursive mkdir spins there)", () => {
    if (!existsSync("/proc/self")) return void console.log("skipped: no /proc on this system");
    const started = Date.now();
    const error = failure(() => assertOutputWritable("/proc/x/out"));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.code).toBe("OUTPUT_UNWRITABLE");
    expect(error.message).toContain("/proc/x");
  });

  it("WHEN its parent is read-only THEN OUTPUT_UNWRITABLE says permission denied", () => {
    if (process.getuid?.() === 0) return void console.log("skipped: root may write to a read-only folder; /proc covers the refusal");
    const root = tempDir();
    mkdirSync(join(root, "locked"));
    chmodSync(join(root, "locked"), 0o555);
    const error = failure(() => assertOutputWritable(join(root, "locked", "out")));
    expect(error.message).toContain("permission denied");
  });
});
