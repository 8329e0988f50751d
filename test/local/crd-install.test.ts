import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import type { PlannedObject } from "../../src/local/apply-plan.js";
import { neededCrds, readCrds, withoutSchemaDescriptions } from "../../src/local/crd-install.js";
import { KUBERNETES_YAML_OPTIONS } from "../../src/manifest/kubernetes-yaml.js";
import { crd } from "../support/crd.js";

const planned = (group: string, kind: string): PlannedObject => ({
  object: crd({ group, kind }),
  source: "test",
  served: { resource: "customresourcedefinitions", namespaced: false },
});

const available = [
  planned("karpenter.sh", "NodePool"),
  planned("karpenter.sh", "NodeClaim"),
  planned("karpenter.sh", "NodeOverlay"),
  planned("karpenter.k8s.aws", "EC2NodeClass"),
  planned("karpenter.kwok.sh", "KWOKNodeClass"),
  planned("argoproj.io", "Rollout"),
  planned("argoproj.io", "AnalysisRun"),
  planned("monitoring.coreos.com", "Prometheus"),
];
const names = (crds: PlannedObject[]) => crds.map((entry) => entry.object.metadata.name).sort();

describe("neededCrds", () => {
  it("GIVEN NodePools and KWOKNodeClasses in use WHEN selecting CRDs THEN NodeClaim comes too (the local Karpenter creates them), not the gated NodeOverlay", () => {
    expect(names(neededCrds(available, new Set(["karpenter.sh/NodePool", "karpenter.kwok.sh/KWOKNodeClass", "karpenter.k8s.aws/EC2NodeClass"])))).toEqual([
      "ec2nodeclasss.karpenter.k8s.aws",
      "kwoknodeclasss.karpenter.kwok.sh",
      "nodeclaims.karpenter.sh",
      "nodepools.karpenter.sh",
    ]);
  });

  it("GIVEN Rollouts in use WHEN selecting CRDs THEN the kinds the Rollouts controller watches come too", () => {
    expect(names(neededCrds(available, new Set(["argoproj.io/Rollout"])))).toEqual(["analysisruns.argoproj.io", "rollouts.argoproj.io"]);
  });

  it("GIVEN no Karpenter kind in use (Karpenter off) WHEN selecting CRDs THEN none of its CRDs is installed", () => {
    expect(names(neededCrds(available, new Set(["monitoring.coreos.com/Prometheus"])))).toEqual(["prometheuss.monitoring.coreos.com"]);
  });
});

describe("readCrds", () => {
  const crdText = (kind: string, extra = "") => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${kind.toLowerCase()}s.example.com
spec:
  group: example.com
  names:
    kind: ${kind}
    plural: ${kind.toLowerCase()}s
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: yes
          description: "a description
            over two lines"
${extra}`;

  it("GIVEN CRDs the fast parser reads and one it leaves to yaml (an anchor) WHEN read THEN both read as Kubernetes does (YAML 1.1 `yes` is true), exactly as yaml with those options, and unused kinds are left", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-crds-"));
    writeFileSync(join(folder, "plain.yaml"), `${crdText("Widget")}---\n${crdText("Unused")}`);
    writeFileSync(join(folder, "anchored.yaml"), crdText("Gadget", "      additionalPrinterColumns: &columns\n        - name: Age\n          type: date\n          jsonPath: .metadata.creationTimestamp\n  conversion: { strategy: None }\n"));
    const selection = await readCrds([folder], new Set(["example.com/Widget", "example.com/Gadget"]));
    expect(selection.available).toBe(3);
    expect(selection.needed.map(({ object }) => object.metadata.name)).toEqual(["gadgets.example.com", "widgets.example.com"]);
    for (const { object, source } of selection.needed) {
      const text = readFileSync(source, "utf8").split(/^---$/m).find((part) => part.includes(`name: ${object.metadata.name}`))!;
      expect(object).toEqual(parse(text, KUBERNETES_YAML_OPTIONS));
      expect((object.spec as any).versions[0].schema.openAPIV3Schema["x-kubernetes-preserve-unknown-fields"], object.metadata.name).toBe(true);
    }
    expect((selection.needed[1]!.object.spec as any).versions[0].schema.openAPIV3Schema.description).toBe("a description over two lines");
  });
});

describe("withoutSchemaDescriptions", () => {
  it("GIVEN a CRD schema with descriptions at every depth, a field named description, and data holding a description key WHEN stripped THEN only the schema keyword goes", () => {
    const schema = {
      type: "object",
      description: "top",
      properties: {
        description: { type: "string", description: "a field called description" },
        spec: {
          type: "object",
          description: "spec",
          default: { description: "data, kept" },
          properties: { list: { type: "array", description: "list", items: { type: "object", description: "item", properties: { a: { type: "string", description: "a" } } } } },
          additionalProperties: { type: "string", description: "values" },
          anyOf: [{ required: ["x"], description: "branch" }],
          "x-kubernetes-validations": [{ rule: "self.x > 0", message: "kept" }],
        },
      },
    };
    const input = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" }, spec: { group: "example.com", versions: [{ name: "v1", schema: { openAPIV3Schema: schema } }] } };
    const stripped = withoutSchemaDescriptions(input);
    expect((stripped.spec as any).versions[0].schema.openAPIV3Schema).toEqual({
      type: "object",
      properties: {
        description: { type: "string" },
        spec: {
          type: "object",
          default: { description: "data, kept" },
          properties: { list: { type: "array", items: { type: "object", properties: { a: { type: "string" } } } } },
          additionalProperties: { type: "string" },
          anyOf: [{ required: ["x"] }],
          "x-kubernetes-validations": [{ rule: "self.x > 0", message: "kept" }],
        },
      },
    });
    // The input is not changed (the caller's plan is reused for the summary and the next run's hash).
    expect(schema.description).toBe("top");
    expect(JSON.stringify(stripped).length).toBeLessThan(JSON.stringify(input).length);
  });
});
