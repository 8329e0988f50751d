/**
 * `npx cdk synth` in the repository, as a CDK user runs it: cdk.json → src/cdk/cdk-app.ts,
 * offline and without AWS credentials, giving the same template as `slipway synth`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesizeInfrastructure } from "../../src/cdk/synthesize-infrastructure.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { REPO_ROOT } from "../support/paths.js";

const canIsolateNetwork = spawnSync("unshare", ["-rn", "true"]).status === 0;

function offlineEnvironment(): NodeJS.ProcessEnv {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_") && !key.startsWith("CDK_")));
  return { ...environment, AWS_CONFIG_FILE: "/nonexistent/aws/config", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws/credentials", AWS_EC2_METADATA_DISABLED: "true" };
}

describe("GIVEN the repository's cdk.json", () => {
  it("WHEN npx cdk synth runs without credentials or network THEN it writes the same template slipway synth does", () => {
    const output = mkdtempSync(join(tmpdir(), "slipway-cdk-cli-"));
    try {
      const command = [join(REPO_ROOT, "node_modules", ".bin", "cdk"), "synth", "--quiet", "--output", output];
      const [executable, ...args] = canIsolateNetwork ? ["unshare", "-rn", ...command] : command;
      const result = spawnSync(executable!, args, { cwd: REPO_ROOT, env: offlineEnvironment(), encoding: "utf8", timeout: 300_000 });
      expect(result.status, result.stderr).toBe(0);
      const expected = synthesizeInfrastructure(parseSpec({}, "the reference platform")).get("production-cluster-platform.template.json");
      expect(readFileSync(join(output, "production-cluster-platform.template.json"), "utf8")).toBe(expected);
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  });
});
