import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ADDON_CRD_MODULES, goModuleCrdDirectory, localControlPlaneCrdDirectories, platformCrdDirectories } from "../../src/tools/go-module-crds.js";
import { CHARTS } from "../../src/versions.js";

describe("CRDs from the add-ons' Go modules", () => {
  it("GIVEN the pinned Karpenter version WHEN its CRDs are fetched THEN NodePool and EC2NodeClass serve v1", async () => {
    const directory = await goModuleCrdDirectory(ADDON_CRD_MODULES.karpenter!);
    expect(directory).toContain(`github.com_aws_karpenter-provider-aws@v${CHARTS.karpenter.appVersion}`);
    const files = readdirSync(directory);
    expect(files).toEqual(expect.arrayContaining(["karpenter.sh_nodepools.yaml", "karpenter.k8s.aws_ec2nodeclasses.yaml"]));
    const nodePool = parse(readFileSync(`${directory}/karpenter.sh_nodepools.yaml`, "utf8")) as { kind: string; spec: { versions: { name: string; served: boolean }[] } };
    expect(nodePool.kind).toBe("CustomResourceDefinition");
    expect(nodePool.spec.versions.find((version) => version.name === "v1")?.served).toBe(true);
  });

  it("GIVEN every add-on in the table WHEN fetched THEN each folder holds CRDs of its group", async () => {
    const directories = await platformCrdDirectories();
    const groups = directories.map((directory) =>
      readdirSync(directory)
        .map((file) => parse(readFileSync(`${directory}/${file}`, "utf8")) as { kind?: string; spec?: { group?: string } } | null)
        .filter((document) => document?.kind === "CustomResourceDefinition")
        .map((document) => document?.spec?.group),
    );
    expect(groups.map((list) => [...new Set(list)].sort())).toEqual([
      ["autoscaling.x-k8s.io", "karpenter.k8s.aws", "karpenter.sh"],
      ["argoproj.io"],
      ["argoproj.io"],
      ["monitoring.coreos.com"],
      ["secrets-store.csi.x-k8s.io"],
    ]);
  });

  it("GIVEN the local control plane WHEN its own CRDs are fetched THEN the KWOKNodeClass comes from sigs.k8s.io/karpenter at the pinned Karpenter's version, with upstream's Ready status default", async () => {
    const [directory, ...rest] = await localControlPlaneCrdDirectories();
    expect(rest).toEqual([]);
    expect(directory).toContain(`sigs.k8s.io_karpenter@v${CHARTS.karpenter.appVersion}`);
    const crd = parse(readFileSync(`${directory}/karpenter.kwok.sh_kwoknodeclasses.yaml`, "utf8")) as { spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: { properties: { status: { default?: { conditions?: { type: string; status: string }[] } } } } } }[] } };
    expect([crd.spec.group, crd.spec.names.kind]).toEqual(["karpenter.kwok.sh", "KWOKNodeClass"]);
    // kwok-node-classes.ts relies on this default: nothing else makes the node class Ready.
    expect(crd.spec.versions[0]!.schema.openAPIV3Schema.properties.status.default?.conditions).toEqual([expect.objectContaining({ type: "Ready", status: "True" })]);
  });

  it("GIVEN a module version that does not exist WHEN fetched THEN the error says so and how to fix it", async () => {
    await expect(goModuleCrdDirectory({ module: "github.com/aws/karpenter-provider-aws", version: "v0.0.0-does-not-exist", folder: "pkg/apis/crds" })).rejects.toMatchObject({
      code: "TOOL_UNAVAILABLE",
      message: expect.stringContaining("cannot download the Go module github.com/aws/karpenter-provider-aws@v0.0.0-does-not-exist"),
    });
  });
});
