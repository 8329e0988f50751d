import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PACKAGE_JSON, packageVersion } from "../../src/cli/package-version.js";
import { REPO_ROOT } from "../support/paths.js";

function packageJson(content: string | undefined): URL {
  const path = join(mkdtempSync(join(tmpdir(), "slipway-package-json-")), "package.json");
  if (content !== undefined) writeFileSync(path, content);
  return pathToFileURL(path);
}

describe("packageVersion", () => {
  it("GIVEN the repository WHEN read THEN the version of its own package.json", () => {
    expect(PACKAGE_JSON.href).toBe(pathToFileURL(join(REPO_ROOT, "package.json")).href);
    expect(packageVersion()).toBe((JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version);
  });

  it("GIVEN another version in package.json WHEN read THEN that version, nothing hard-coded", () => {
    expect(packageVersion(packageJson('{"name":"slipway","version":"9.8.7-rc.1"}'))).toBe("9.8.7-rc.1");
  });

  it.each([
    ["a missing package.json", undefined, /^cannot read Slipway's package\.json: ENOENT/],
    ["a package.json that is not JSON", "{", /^cannot read Slipway's package\.json: /],
    ["a package.json without a version", '{"name":"slipway"}', /^Slipway's package\.json has no version$/],
    ["a package.json with a numeric version", '{"version":1}', /^Slipway's package\.json has no version$/],
  ])("GIVEN %s WHEN read THEN PACKAGE_BROKEN naming the file", (_what, content, message) => {
    const url = packageJson(content);
    expect(() => packageVersion(url)).toThrow(expect.objectContaining({ code: "PACKAGE_BROKEN", message: expect.stringMatching(message), where: url.pathname }));
  });
});
