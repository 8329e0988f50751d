/**
 * The local control plane on macOS and arm64 (issue 13), proven with the real Go
 * toolchain: every component's packages resolve for darwin/arm64 and linux/arm64, and a
 * real component is built for both and is a Mach-O arm64 and an ELF aarch64 executable.
 *
 * Building every component for every target is two more cold builds of the whole control
 * plane (about an hour each on 2 cores), which CI's 90 minutes cannot hold on a fresh
 * machine: `SLIPWAY_CROSS_COMPILE=1` runs that too (`npx tsx scripts/cross-compile.ts`
 * does the same outside the tests and prints the times).
 */
import { mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { componentBuilds, TOOLS_MODULE, type ComponentBuild } from "../../src/local/binaries.js";
import { crossCompile, resolveForTarget, type GoTarget } from "../../src/local/cross-compile.js";

const TARGETS: readonly GoTarget[] = [
  { goos: "darwin", goarch: "arm64" },
  { goos: "linux", goarch: "arm64" },
];
const everything = process.env.SLIPWAY_CROSS_COMPILE === "1";
const output = mkdtempSync(join(tmpdir(), "slipway-cross-"));
afterAll(() => rmSync(output, { recursive: true, force: true }));

/** The executable format a file's header names: Mach-O 64-bit or ELF 64-bit, and its CPU. */
function executableFormat(file: string): string {
  const header = Buffer.alloc(20);
  const descriptor = openSync(file, "r");
  try {
    readSync(descriptor, header, 0, header.length, 0);
  } finally {
    closeSync(descriptor);
  }
  if (header.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = header.readUInt32LE(4);
    return `Mach-O ${cpu === 0x0100000c ? "arm64" : cpu === 0x01000007 ? "x86_64" : `cpu ${cpu}`}`;
  }
  if (header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    const machine = header.readUInt16LE(18);
    return `ELF ${machine === 183 ? "aarch64" : machine === 62 ? "x86-64" : `machine ${machine}`}`;
  }
  return "unknown";
}

/** A published module the proxy cannot give: GOPROXY=off, so Go answers at once, offline. */
const UNREACHABLE: ComponentBuild = {
  label: "unreachable v1.0.0",
  binaries: [{ name: "kwok", pkg: "example.com/unreachable" }],
  module: { path: "example.com/unreachable", version: "v1.0.0" },
  ldflags: "",
  env: { GOPROXY: "off" },
};

/** A folder with `files` written in it. */
function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(output, "module-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const EXPECTED_FORMAT: Record<string, string> = { "darwin/arm64": "Mach-O arm64", "linux/arm64": "ELF aarch64" };

describe("resolveForTarget", () => {
  it.each(TARGETS)(
    "GIVEN every local control plane component WHEN its packages are listed for $goos/$goarch with cgo off THEN every package and dependency resolves",
    async (target) => {
      expect(await resolveForTarget(target)).toEqual([]);
    },
    300_000,
  );

  it("GIVEN a package whose files all exclude the target WHEN listed for darwin/arm64 THEN it is a problem naming the package and Go's reason", async () => {
    const windowsOnly: ComponentBuild = { label: "windows-only", binaries: [{ name: "kwok", pkg: "golang.org/x/sys/windows" }], module: { folder: TOOLS_MODULE }, ldflags: "" };
    const problems = await resolveForTarget({ goos: "darwin", goarch: "arm64" }, [windowsOnly]);
    expect(problems).toEqual([expect.objectContaining({ component: "windows-only", pkg: "golang.org/x/sys/windows" })]);
    expect(problems[0]?.error).toContain("build constraints exclude all Go files");
  }, 120_000);

  it("GIVEN a module whose go.mod Go cannot read WHEN listed THEN one problem for the component with Go's whole reason, over its lines", async () => {
    const broken: ComponentBuild = { label: "broken", binaries: [{ name: "kwok", pkg: "./cmd" }], module: { folder: folderWith({ "go.mod": "module example.com/broken\n\nrequire (\n\tnot a requirement\n\tneither\n)\n" }) }, ldflags: "" };
    const problems = await resolveForTarget({ goos: "darwin", goarch: "arm64" }, [broken]);
    expect(problems).toEqual([{ component: "broken", pkg: "./cmd", error: expect.stringMatching(/^go: errors parsing go\.mod:\n.*go\.mod:4:.*\n.*go\.mod:5:/) }]);
  }, 60_000);

  it("GIVEN a published module Go cannot download WHEN listed THEN a SlipwayError quoting the download's Error, not its JSON", async () => {
    await expect(resolveForTarget({ goos: "darwin", goarch: "arm64" }, [UNREACHABLE])).rejects.toMatchObject({
      name: "SlipwayError",
      code: "LOCAL_CLUSTER",
      problems: ["example.com/unreachable@v1.0.0: module lookup disabled by GOPROXY=off"],
      fix: `run \`cd ${TOOLS_MODULE} && GOPROXY=off go mod download -json example.com/unreachable@v1.0.0\` to see the whole error`,
    });
  }, 60_000);
});

describe("crossCompile", () => {
  // kwok is a published module (built from the module cache) and the component every fake node and pod runs on.
  const kwok = componentBuilds().filter((build) => build.binaries.some((binary) => binary.name === "kwok"));

  it.each(TARGETS)(
    "GIVEN kwok WHEN built for $goos/$goarch THEN the binary is that platform's executable",
    async (target) => {
      const built = await crossCompile(target, join(output, `kwok-${target.goos}-${target.goarch}`), { builds: kwok });
      expect(executableFormat(built.kwok!)).toBe(EXPECTED_FORMAT[`${target.goos}/${target.goarch}`]);
    },
    1_800_000,
  );

  it("GIVEN a published module Go cannot download WHEN built THEN a SlipwayError quoting the download's Error", async () => {
    await expect(crossCompile({ goos: "linux", goarch: "arm64" }, join(output, "unreachable"), { builds: [UNREACHABLE] })).rejects.toMatchObject({
      name: "SlipwayError",
      message: "building unreachable v1.0.0 failed (go mod download exited with 1)",
      problems: ["example.com/unreachable@v1.0.0: module lookup disabled by GOPROXY=off"],
    });
  }, 60_000);

  it("GIVEN a package that does not compile WHEN built for darwin/arm64 THEN a SlipwayError with Go's errors and the command to run again, target and quoted flags included", async () => {
    const folder = folderWith({ "go.mod": "module example.com/broken\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {\n\tundefinedName()\n}\n" });
    const broken: ComponentBuild = { label: "broken", binaries: [{ name: "kwok", pkg: "." }], module: { folder }, ldflags: "-s -w" };
    await expect(crossCompile({ goos: "darwin", goarch: "arm64" }, join(output, "broken"), { builds: [broken] })).rejects.toMatchObject({
      name: "SlipwayError",
      where: folder,
      problems: expect.arrayContaining(["./main.go:4:2: undefined: undefinedName"]),
      fix: `run \`cd ${folder} && GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o ${join(output, "broken", "kwok")} .\` to see the whole error`,
    });
  }, 120_000);

  it.skipIf(!everything).each(TARGETS)(
    "GIVEN SLIPWAY_CROSS_COMPILE=1 WHEN every component is built for $goos/$goarch THEN each binary is that platform's executable (skipped otherwise: two more cold builds of the control plane)",
    async (target) => {
      const built = await crossCompile(target, join(output, `all-${target.goos}-${target.goarch}`));
      expect(Object.keys(built).sort()).toEqual(componentBuilds().flatMap((build) => build.binaries.map((binary) => binary.name)).sort());
      for (const file of Object.values(built)) expect(executableFormat(file!)).toBe(EXPECTED_FORMAT[`${target.goos}/${target.goarch}`]);
    },
    4 * 3_600_000,
  );
});
