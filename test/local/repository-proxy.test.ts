/**
 * The repository proxy with the real clients Argo CD's repo-server runs: git (smart HTTP
 * through an HTTPS CONNECT proxy, TLS unverified as the repository Secrets say) and helm
 * (an https Helm repository and an OCI registry), over a repository committed by
 * git-repository.ts and the charts of the test Helm repository (../shared/charts).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitTree } from "../../src/local/git-repository.js";
import { freePort } from "../../src/local/free-port.js";
import { startRepositoryProxy } from "../../src/local/repository-proxy.js";
import { helmPath } from "../../src/tools/kubectl.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";
import { testPki } from "../support/local-pki.js";

const run = promisify(execFile);
const REPO_URL = "https://github.com/example-org/platform-gitops.git";

describe.skipIf(!CHARTS_AVAILABLE)("GIVEN the repository proxy serving a committed tree and the test charts", () => {
  let work: string;
  let proxy: Server;
  let proxyUrl: string;
  let commit: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "slipway-proxy-"));
    const pki = await testPki();
    const committed = await commitTree(join(work, "repo"), new Map([["apps/a.yaml", "a: 1\n"], ["platform/b/c.yaml", "c: 2\n"]]), "main");
    commit = committed.commit;
    const port = await freePort();
    proxy = await startRepositoryProxy(
      {
        git: [{ url: REPO_URL, directory: committed.gitDirectory }],
        charts: [
          { url: "https://charts.jetstack.io", charts: [{ name: "cert-manager", version: "v1.21.1", path: join(SHARED_CHARTS_DIR, "cert-manager-v1.21.1.tgz") }] },
          { url: "public.ecr.aws/karpenter", charts: [{ name: "karpenter", version: "1.14.1", path: join(SHARED_CHARTS_DIR, "karpenter-1.14.1.tgz") }] },
        ],
        tls: pki.serving,
      },
      port,
    );
    proxyUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(() => {
    proxy?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("WHEN git clones the repository's https URL through it THEN it gets the committed tree at the same commit", async () => {
    const clone = join(work, "clone");
    await run("git", ["-c", `http.proxy=${proxyUrl}`, "-c", "http.sslVerify=false", "clone", "--quiet", "--branch", "main", REPO_URL, clone], { env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } });
    expect(readFileSync(join(clone, "platform/b/c.yaml"), "utf8")).toBe("c: 2\n");
    expect((await run("git", ["-C", clone, "rev-parse", "HEAD"])).stdout.trim()).toBe(commit);
  });

  it("WHEN git lists the refs of a repository it does not serve THEN the request fails rather than reaching the internet", async () => {
    await expect(
      run("git", ["-c", `http.proxy=${proxyUrl}`, "-c", "http.sslVerify=false", "ls-remote", "https://github.com/someone-else/other.git"], { env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" } }),
    ).rejects.toThrow(/502|not a repository the local cluster serves/);
  });

  it.each([
    ["an https Helm repository", ["cert-manager", "--repo", "https://charts.jetstack.io", "--version", "v1.21.1"], "cert-manager-v1.21.1.tgz"],
    ["an OCI registry", ["oci://public.ecr.aws/karpenter/karpenter", "--version", "1.14.1"], "karpenter-1.14.1.tgz"],
  ])("WHEN helm pulls from %s through it THEN it gets the packaged chart byte for byte", async (_what, args, file) => {
    const destination = mkdtempSync(join(work, "pull-"));
    await run(await helmPath(), ["pull", ...args, "--insecure-skip-tls-verify", "--destination", destination], { env: { ...process.env, HTTPS_PROXY: proxyUrl, HELM_CACHE_HOME: join(work, "helm-cache"), HELM_CONFIG_HOME: join(work, "helm-config") } });
    expect(readdirSync(destination)).toEqual([file]);
    expect(readFileSync(join(destination, file)).equals(readFileSync(join(SHARED_CHARTS_DIR, file)))).toBe(true);
  });

  it("WHEN helm asks for a chart version the registry does not hold THEN it is told it is not found", async () => {
    await expect(
      run(await helmPath(), ["pull", "oci://public.ecr.aws/karpenter/karpenter", "--version", "9.9.9", "--insecure-skip-tls-verify", "--destination", work], { env: { ...process.env, HTTPS_PROXY: proxyUrl, HELM_CACHE_HOME: join(work, "helm-cache"), HELM_CONFIG_HOME: join(work, "helm-config") } }),
    ).rejects.toThrow(/not found|MANIFEST_UNKNOWN|9\.9\.9/i);
  });
});

describe("GIVEN a tree committed twice", () => {
  it("WHEN the tree is the same THEN no new commit is made; WHEN a file goes away THEN the new commit drops it", async () => {
    const directory = join(mkdtempSync(join(tmpdir(), "slipway-commit-")), "repo");
    const first = await commitTree(directory, new Map([["a.yaml", "a: 1\n"], ["b.yaml", "b: 1\n"]]), "main");
    const again = await commitTree(directory, new Map([["a.yaml", "a: 1\n"], ["b.yaml", "b: 1\n"]]), "main");
    expect(again).toEqual({ ...first, changed: false });
    const changed = await commitTree(directory, new Map([["a.yaml", "a: 1\n"]]), "main");
    expect(changed.changed).toBe(true);
    expect(changed.commit).not.toBe(first.commit);
    expect((await run("git", ["-C", directory, "ls-files"])).stdout).toBe("a.yaml\n");
  });

  it("WHEN the same tree is committed in two places THEN the commits are identical (fixed identity and date)", async () => {
    const tree = new Map([["x/y.yaml", "y: 1\n"]]);
    const one = await commitTree(join(mkdtempSync(join(tmpdir(), "slipway-commit-")), "repo"), tree, "main");
    const two = await commitTree(join(mkdtempSync(join(tmpdir(), "slipway-commit-")), "repo"), tree, "main");
    expect(one.commit).toBe(two.commit);
  });
});
