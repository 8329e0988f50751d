/**
 * The `go` runner of the local control plane's builds, with the real Go toolchain on
 * throwaway modules (no dependency, nothing downloaded): the environment reaches Go, a
 * failure quotes Go's errors whole and suggests the exact command, environment included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runGo } from "../../src/local/run-go.js";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A module of one main package with `source` as main.go. */
function module(source: string): string {
  const folder = mkdtempSync(join(tmpdir(), "slipway-run-go-"));
  folders.push(folder);
  writeFileSync(join(folder, "go.mod"), "module example.com/broken\n\ngo 1.22\n");
  writeFileSync(join(folder, "main.go"), source);
  return folder;
}

/** Two compile errors, the second over three lines (Go's have/want). */
const BROKEN = `package main

func needs(count int) {}

func main() {
	undefinedName()
	needs()
}
`;

describe("runGo", () => {
  it("GIVEN GOOS and GOARCH in its environment WHEN `go env` runs THEN Go sees them and the output comes back", async () => {
    const { stdout } = await runGo({ args: ["env", "GOOS", "GOARCH"], cwd: tmpdir(), label: "env", env: { GOOS: "darwin", GOARCH: "arm64" } });
    expect(stdout.trim().split("\n")).toEqual(["darwin", "arm64"]);
  }, 60_000);

  it("GIVEN a package that does not compile WHEN built for another platform THEN LOCAL_CLUSTER with Go's errors whole, where it ran, and the command with its environment, quoted", async () => {
    const folder = module(BROKEN);
    await expect(runGo({ args: ["build", "-ldflags", "-s -w", "-o", join(folder, "out"), "."], cwd: folder, label: "broken", env: { GOOS: "darwin", GOARCH: "arm64", CGO_ENABLED: "0", UNSET: undefined } })).rejects.toMatchObject({
      name: "SlipwayError",
      code: "LOCAL_CLUSTER",
      message: "building broken failed (go build exited with 1)",
      where: folder,
      problems: ["# example.com/broken", "./main.go:6:2: undefined: undefinedName", "./main.go:7:2: not enough arguments in call to needs", "\thave ()", "\twant (int)"],
      fix: `run \`cd ${folder} && GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go build -ldflags '-s -w' -o ${join(folder, "out")} .\` to see the whole error`,
    });
  }, 120_000);

  it("GIVEN a command that explains its failure in its output's data WHEN it fails THEN the problems are those the caller reads from it", async () => {
    await expect(
      runGo({ args: ["build", "./missing"], cwd: module(BROKEN), label: "missing", failureProblems: ({ stdout, stderr }) => [`stdout ${stdout.length}`, stderr.includes("missing") ? "names it" : "does not"] }),
    ).rejects.toMatchObject({ code: "LOCAL_CLUSTER", problems: ["stdout 0", "names it"] });
  }, 60_000);

  it("GIVEN a failure whose output says nothing WHEN it fails THEN the problem says Go exited and printed nothing, not an empty line", async () => {
    await expect(runGo({ args: ["build", "./missing"], cwd: module(BROKEN), label: "silent", failureProblems: () => ["", "  "] })).rejects.toMatchObject({
      code: "LOCAL_CLUSTER",
      problems: ["go build exited with 1 and printed nothing"],
    });
  }, 60_000);

  it("GIVEN no go on the PATH WHEN run THEN TOOL_UNAVAILABLE saying how to install Go", async () => {
    await expect(runGo({ args: ["version"], cwd: tmpdir(), label: "nothing", env: { PATH: join(tmpdir(), "no-such-folder") } })).rejects.toMatchObject({ code: "TOOL_UNAVAILABLE", fix: expect.stringContaining("https://go.dev/dl") });
  });
});
