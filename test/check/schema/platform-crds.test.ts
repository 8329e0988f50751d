import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { platformCrdKinds, platformCrds, PLATFORM_CRDS_FILE, type PlatformCrdBundle } from "../../../src/check/schema/platform-crds.js";
import { customResourceVersions } from "../../../src/check/schema/custom-resource-schemas.js";
import { CRD_API_VERSIONS } from "../../../src/versions.js";
import { SHARED_DIR } from "../../support/paths.js";

const SHARED_CHARTS = join(SHARED_DIR, "charts");
const committed = () => JSON.parse(readFileSync(PLATFORM_CRDS_FILE, "utf8")) as PlatformCrdBundle;

describe("the bundled CRDs of the pinned add-ons", () => {
  it.skipIf(!existsSync(SHARED_CHARTS))(
    "GIVEN the Go modules and the packaged charts WHEN the bundle is regenerated THEN it is byte-identical to the committed one (skipped without ../shared/charts)",
    async () => {
      const { generate, serializeBundle } = await import("../../../scripts/generate-platform-crds.js");
      // Compared by hash: the bundle is megabytes, a diff of it would drown the report (git diff shows it).
      const sha = (text: string) => createHash("sha256").update(text).digest("hex");
      expect(sha(serializeBundle(await generate(SHARED_CHARTS)))).toBe(sha(readFileSync(PLATFORM_CRDS_FILE, "utf8")));
    },
    120_000,
  );

  it("GIVEN every custom resource API the generated platform writes WHEN looked up THEN the bundle serves that version", () => {
    const kinds: Record<keyof typeof CRD_API_VERSIONS, string> = {
      argoApplication: "Application",
      karpenterNodePool: "NodePool",
      karpenterEc2NodeClass: "EC2NodeClass",
      externalSecrets: "ExternalSecret",
      argoRollouts: "Rollout",
      prometheusOperator: "ServiceMonitor",
      certManager: "Certificate",
      secretsStoreCsi: "SecretProviderClass",
    };
    for (const [name, apiVersion] of Object.entries(CRD_API_VERSIONS)) {
      const kind = kinds[name as keyof typeof CRD_API_VERSIONS];
      const key = `${apiVersion.slice(0, apiVersion.indexOf("/"))}/${kind}`;
      const versions = customResourceVersions(platformCrds(new Set([key])), "1.35");
      expect(versions.get(`${apiVersion}/${kind}`), `${apiVersion} ${kind}`).toMatchObject({ served: true, sourceSchema: expect.any(Object) });
    }
  });

  it("GIVEN the header WHEN read THEN every source says where its CRDs came from, at which version, against the pinned one", () => {
    const bundle = committed();
    expect(bundle.sources.map((source) => source.addon).sort()).toEqual(
      ["argoCd", "argoRollouts", "awsLoadBalancerController", "certManager", "externalSecrets", "karpenter", "prometheusOperator", "secretsStoreCsiDriver"].sort(),
    );
    for (const source of bundle.sources) {
      expect(source.origin).toMatch(/^(Go module \S+@v\S+|Helm chart \S+\.tgz) /);
      expect(source.version).not.toBe("");
      expect(source.pinned).not.toBe("");
      expect(source.crds).toBeGreaterThan(0);
    }
    expect(bundle.crds.length).toBe(bundle.sources.reduce((sum, source) => sum + (source.crds ?? 0), 0));
  });

  it("GIVEN the bundle WHEN read THEN schemas keep what validation needs and drop descriptions", () => {
    const text = readFileSync(PLATFORM_CRDS_FILE, "utf8");
    // A field may be called "description"; a description text never stays.
    expect(text).not.toMatch(/"description":"/);
    expect(text).not.toContain('"example"');
    const application = committed().crds.find((crd) => crd.group === "argoproj.io" && crd.kind === "Application");
    const schema = application?.versions.find((version) => version.name === "v1alpha1")?.schema as { required?: string[]; properties?: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(["metadata", "spec"]));
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(["spec", "status", "operation"]));
  });

  it("GIVEN kinds WHEN asked for THEN only the bundled CRDs of those kinds, as CRD documents, and nothing for an empty set", () => {
    expect(platformCrds(new Set())).toEqual([]);
    const found = platformCrds(new Set(["karpenter.sh/NodePool", "example.com/Widget", "argoproj.io/Rollout"]));
    expect(found.map((source) => `${(source.document.spec as { group: string }).group}/${(source.document.spec as { names: { kind: string } }).names.kind}`)).toEqual([
      "argoproj.io/Rollout",
      "karpenter.sh/NodePool",
    ]);
    expect(found.every((source) => source.file === "<bundled add-on CRDs>" && source.document.kind === "CustomResourceDefinition")).toBe(true);
    expect(platformCrdKinds()).toEqual(expect.arrayContaining(["external-secrets.io/ClusterSecretStore", "cert-manager.io/ClusterIssuer", "monitoring.coreos.com/PrometheusRule", "elbv2.k8s.aws/TargetGroupBinding"]));
  });

  it.each([
    {
      name: "descriptions and examples dropped, field names kept even when they are keywords",
      schema: { type: "object", description: "d", example: "e", properties: { description: { type: "string", description: "x" }, type: { type: "string" } } },
      expected: { properties: { description: { type: "string" }, type: { type: "string" } }, type: "object" },
    },
    {
      name: "data keywords copied as they are",
      schema: { type: "string", enum: ["a", "b"], default: "a", "x-kubernetes-validations": [{ rule: "self != ''", message: "m" }] },
      expected: { default: "a", enum: ["a", "b"], type: "string", "x-kubernetes-validations": [{ rule: "self != ''", message: "m" }] },
    },
    {
      name: "structural markers kept",
      schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true, oneOf: [{ required: ["a"] }, { required: ["b"] }], "x-kubernetes-list-type": "map" },
      expected: { oneOf: [{ required: ["a"] }, { required: ["b"] }], type: "object", "x-kubernetes-list-type": "map", "x-kubernetes-preserve-unknown-fields": true },
    },
  ])("GIVEN a schema with $name WHEN stripped THEN $name", async ({ schema, expected }) => {
    const { stripSchema } = await import("../../../scripts/generate-platform-crds.js");
    expect(stripSchema(schema)).toEqual(expected);
  });

  it("GIVEN documents that are not CRDs or lack a group or versions WHEN reduced THEN they are left out", async () => {
    const { reduceCrd } = await import("../../../scripts/generate-platform-crds.js");
    expect(reduceCrd({ kind: "ConfigMap" })).toBeUndefined();
    expect(reduceCrd({ kind: "CustomResourceDefinition", spec: { names: { kind: "A" }, versions: [] } })).toBeUndefined();
    expect(reduceCrd(null)).toBeUndefined();
    expect(
      reduceCrd({ kind: "CustomResourceDefinition", spec: { group: "g.io", names: { kind: "A" }, versions: [{ name: "v1", served: false, deprecated: true, deprecationWarning: "w" }, { name: "v2" }] } }),
    ).toEqual({ group: "g.io", kind: "A", versions: [{ name: "v1", served: false, deprecated: true, deprecationWarning: "w" }, { name: "v2", served: true }] });
  });
});
