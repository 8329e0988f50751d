import { describe, expect, it } from "vitest";
import { helmPull, helmPullArguments } from "../../src/charts/helm-pull.js";
import { helmPath } from "../../src/tools/kubectl.js";
import { CHARTS } from "../../src/versions.js";

describe("helm pull", () => {
  it.each([
    ["an HTTPS repository", CHARTS.certManager, ["pull", "cert-manager", "--repo", "https://charts.jetstack.io", "--version", CHARTS.certManager.version, "--destination", "/d"]],
    ["an OCI registry written without scheme", CHARTS.karpenter, ["pull", "oci://public.ecr.aws/karpenter/karpenter", "--version", CHARTS.karpenter.version, "--destination", "/d"]],
    ["an OCI registry written with scheme", { repoURL: "oci://ghcr.io/org/", chart: "x", version: "1.0.0" }, ["pull", "oci://ghcr.io/org/x", "--version", "1.0.0", "--destination", "/d"]],
  ])("GIVEN %s WHEN planning the pull THEN the arguments are the ones helm expects", (_case, coordinates, expected) => {
    expect(helmPullArguments(coordinates, "/d")).toEqual(expected);
  });

  it("GIVEN the pinned helm and a repository nobody serves WHEN pulling THEN it rejects with helm's own first error line", async () => {
    const error = await helmPull(await helmPath(), { repoURL: "http://127.0.0.1:9/charts", chart: "x", version: "1.0.0" }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:9/);
    expect((error as Error).message).not.toContain("\n");
  });
});
