import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/paths.js";

const CLI = join(REPO_ROOT, "dist", "cli", "main.js");

function slipway(args: string[]) {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` (npm test does)");
  return spawnSync(process.execPath, [CLI, ...args], { cwd: mkdtempSync(join(tmpdir(), "slipway-up-")), encoding: "utf8" });
}

describe("slipway up / down / kubeconfig", () => {
  it("GIVEN up without --local WHEN run THEN it is a usage error naming the option", () => {
    const result = slipway(["up"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error USAGE: slipway up only runs locally for now: --local is required\n  fix: usage: slipway up --local [--config FILE] [--crds DIR]... [--charts DIR|URL] [--apply argocd|server-side-apply]\n");
  });

  it("GIVEN an --apply mode that does not exist WHEN up runs THEN it is a usage error naming the modes, before anything starts", () => {
    const result = slipway(["up", "--local", "--apply", "kubectl"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error USAGE: --apply kubectl is not a mode\n  fix: use --apply argocd or --apply server-side-apply\n");
  });

  it("GIVEN no local cluster WHEN asking for its kubeconfig THEN the error says how to start one", () => {
    const result = slipway(["kubeconfig", "--config", join(REPO_ROOT, "test", "cli", "absent-cluster.yaml")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("error LOCAL_CLUSTER: no local cluster slipway-absent-cluster is running\n  fix: start it with `slipway up --local`\n");
  });

  it("GIVEN no local cluster WHEN stopping it THEN it says there is none and succeeds", () => {
    const result = slipway(["down", "--config", join(REPO_ROOT, "test", "cli", "absent-cluster.yaml")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("no local cluster slipway-absent-cluster is running\n");
  });
});
