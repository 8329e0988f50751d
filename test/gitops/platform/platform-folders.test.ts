import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { platformFolders, platformFoldersGenerator, PLATFORM_APPLICATIONS_FOLDER } from "../../../src/gitops/platform/platform-folders.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";
import { SYNC_WAVES } from "../../../src/gitops/sync-waves.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { schemaProblems } from "../../support/schema-problems.js";

const reference = parseSpec({}, "test");
const context = { spec: reference, names: platformNames(reference) };

function files() {
  return platformFoldersGenerator(context).filter(isManifestFile);
}

describe("platform folders", () => {
  it("GIVEN the reference spec WHEN generated THEN each platform folder has an Application in the configuration wave pointing at it", () => {
    const applications = files().filter((file) => file.path.startsWith(`${PLATFORM_APPLICATIONS_FOLDER}/`));
    expect(applications.map((file) => file.path)).toEqual([
      "apps/platform-config/karpenter-nodepools.yaml",
      "apps/platform-config/storage-classes.yaml",
      "apps/platform-config/cluster-secret-store.yaml",
      "apps/platform-config/monitoring-secrets.yaml",
    ]);
    const paths = applications.map((file) => (file.objects[0]?.spec as { source: { path: string } }).source.path);
    expect(paths).toEqual(["platform/karpenter", "platform/storage", "platform/external-secrets", "platform/monitoring-secrets"]);
    for (const file of applications) {
      expect(file.objects[0]?.metadata.annotations?.["argocd.argoproj.io/sync-wave"]).toBe(String(SYNC_WAVES.platformConfiguration));
    }
  });

  it("GIVEN the monitoring secrets folder THEN its Application creates the monitoring namespace the ExternalSecrets live in", () => {
    const folder = platformFolders(reference, context.names).find((entry) => entry.application === "monitoring-secrets");
    expect(folder?.namespace).toBe("monitoring");
  });

  it("GIVEN Karpenter disabled WHEN generated THEN no NodePool folder or Application is written", () => {
    const spec = parseSpec({ karpenter: { enabled: false } }, "test");
    const paths = platformFoldersGenerator({ spec, names: platformNames(spec) }).map((file) => file.path);
    expect(paths.some((path) => path.includes("karpenter"))).toBe(false);
  });

  it("GIVEN the waves THEN configuration comes after the CRD owners and before monitoring", () => {
    expect(SYNC_WAVES.platformControllers).toBeLessThan(SYNC_WAVES.platformConfiguration);
    expect(SYNC_WAVES.systemControllers).toBeLessThan(SYNC_WAVES.platformConfiguration);
    expect(SYNC_WAVES.platformConfiguration).toBeLessThan(SYNC_WAVES.monitoring);
  });
});

describe("custom resources against the upstream CRDs", () => {
  const objects: KubeObject[] = files().flatMap((file) => [...file.objects]);
  it.each(["ClusterSecretStore", "ExternalSecret", "Application", "NodePool", "EC2NodeClass", "StorageClass"])(
    "GIVEN every generated %s THEN it validates against its upstream schema",
    async (kind) => {
      const ofKind = objects.filter((object) => object.kind === kind);
      expect(ofKind.length).toBeGreaterThan(0);
      expect(await schemaProblems(ofKind)).toEqual([]);
    },
  );

  it("GIVEN an ExternalSecret with a wrong store kind THEN the validator reports it (the check can fail)", async () => {
    const broken = structuredClone(objects.find((object) => object.kind === "ExternalSecret")) as KubeObject;
    (broken.spec as Record<string, unknown>).secretStoreRef = { kind: "SecretVault", name: "x" };
    expect(await schemaProblems([broken])).toEqual([
      'schema ExternalSecret monitoring/grafana-admin: spec.secretStoreRef.kind: unsupported value "SecretVault": must be one of "SecretStore", "ClusterSecretStore"',
    ]);
  });
});
