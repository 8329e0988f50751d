import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";
import { persistentVolumeSourceProblems, podVolumeSourceProblems } from "../../../src/check/schema/volume-source-validation.js";

type Json = Record<string, unknown>;

const MORE_THAN_ONE = "Forbidden: may not specify more than 1 volume type";

function shown(path: readonly (string | number)[]): string {
  return path.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(".").replace(/\.\[/g, "[");
}

/** Upstream's messages (validateVolumeSource, validateProjectionSources), as `field: reason`. */
function podMessages(volumes: unknown): string[] {
  return podVolumeSourceProblems({ containers: [{ name: "app", image: "app" }], volumes }, ["spec"]).map((problem) => `${shown(problem.path)}: ${problem.reason}`);
}

describe("podVolumeSourceProblems", () => {
  it.each([
    ["one source each", [{ name: "config", configMap: { name: "app" } }, { name: "tmp", emptyDir: {} }], []],
    ["no source (v1 defaulting makes it an emptyDir)", [{ name: "scratch" }], []],
    ["a null source beside a real one (an unset pointer)", [{ name: "config", configMap: { name: "app" }, secret: null }], []],
    // Upstream counts secret before configMap, so configMap is the one refused.
    ["configMap and secret in one volume", [{ name: "config", configMap: { name: "app" }, secret: { secretName: "app" } }], [`spec.volumes[0].configMap: ${MORE_THAN_ONE}`]],
    ["three sources, reported after the first in upstream's order", [{ name: "mixed", configMap: { name: "a" }, emptyDir: {}, persistentVolumeClaim: { claimName: "c" } }], [`spec.volumes[0].persistentVolumeClaim: ${MORE_THAN_ONE}`, `spec.volumes[0].configMap: ${MORE_THAN_ONE}`]],
    ["cephfs and downwardAPI after another source (upstream's spellings)", [{ name: "odd", emptyDir: {}, cephfs: { monitors: ["m"] }, downwardAPI: {} }], [`spec.volumes[0].cephFS: ${MORE_THAN_ONE}`, `spec.volumes[0].downwarAPI: ${MORE_THAN_ONE}`]],
    ["a projected source with two kinds", [{ name: "bundle", projected: { sources: [{ configMap: { name: "a" } }, { configMap: { name: "b" }, secret: { name: "c" } }] } }], [`spec.volumes[0].projected.sources[1]: ${MORE_THAN_ONE}`]],
    ["volumes of the wrong type (the schema's business)", "tmp", []],
  ])("GIVEN a pod with %s WHEN validated THEN %j", (_case, volumes, expected) => {
    expect(podMessages(volumes)).toEqual(expected);
  });

  it("GIVEN a second source WHEN reported THEN the finding's line is the field the manifest wrote, and the fix names both sources", () => {
    const [problem] = podVolumeSourceProblems({ volumes: [{ name: "x", emptyDir: {}, cephfs: { monitors: ["m"] } }] }, ["spec"]);
    expect(problem?.at).toEqual(["spec", "volumes", 0, "cephfs"]);
    expect(problem?.fix).toMatch(/volume "x" one source: it has emptyDir and cephfs/);
  });
});

describe("persistentVolumeSourceProblems", () => {
  it.each([
    ["a csi source", { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1" } }, []],
    ["no source (nothing defaults one)", { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] }, ["spec: Required value: must specify a volume type"]],
    ["nfs and hostPath", { nfs: { server: "s", path: "/p" }, hostPath: { path: "/data" } }, [`spec.nfs: ${MORE_THAN_ONE}`]],
    ["flexVolume after another source (counted, not refused, upstream)", { hostPath: { path: "/data" }, flexVolume: { driver: "d" } }, []],
  ])("GIVEN a PersistentVolume with %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(persistentVolumeSourceProblems(spec).map((problem) => `${shown(problem.path)}: ${problem.reason}`)).toEqual(expected);
  });
});

describe("volume sources in every pod template", () => {
  const twoSources: Json = { name: "config", configMap: { name: "app" }, secret: { secretName: "app" } };
  const pod: Json = { containers: [{ name: "app", image: "app:1", volumeMounts: [{ name: "config", mountPath: "/etc/app" }] }], volumes: [twoSources] };
  const template: Json = { metadata: { labels: { app: "a" } }, spec: pod };
  const controller = { selector: { matchLabels: { app: "a" } }, template };
  it.each([
    ["v1", "Pod", pod, "spec"],
    ["apps/v1", "Deployment", controller, "spec.template.spec"],
    ["apps/v1", "StatefulSet", controller, "spec.template.spec"],
    ["apps/v1", "DaemonSet", controller, "spec.template.spec"],
    ["batch/v1", "Job", { template: { spec: { ...pod, restartPolicy: "Never" } } }, "spec.template.spec"],
    ["batch/v1", "CronJob", { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { ...pod, restartPolicy: "Never" } } } } }, "spec.jobTemplate.spec.template.spec"],
    // Argo Rollouts' controller runs the same validation (ValidateRolloutSpec): the Rollout stays InvalidSpec.
    ["argoproj.io/v1alpha1", "Rollout", controller, "spec.template.spec"],
  ])("GIVEN a %s %s with configMap and secret in one volume WHEN validated THEN the API server's (or controller's) error", (apiVersion, kind, spec, specPath) => {
    const messages = objectProblems({ apiVersion, kind, document: { apiVersion, kind, metadata: { name: "app", namespace: "shop" }, spec } }).map((problem) => problem.message);
    // A refused volume is no volume to mount either: kube-apiserver v1.35.4 adds the mount's Not found (the Rollout's controller is judged on its volumes only).
    const mountNotFound = kind === "Rollout" ? [] : [`${specPath}.containers[0].volumeMounts[0].name: Not found: "config"`];
    expect(messages).toEqual([`${specPath}.volumes[0].configMap: ${MORE_THAN_ONE}`, ...mountNotFound]);
  });

  it("GIVEN a PersistentVolume without a source WHEN validated THEN required", () => {
    const document = { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "data" }, spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] } };
    expect(objectProblems({ apiVersion: "v1", kind: "PersistentVolume", document }).map((problem) => problem.message)).toEqual(["spec: Required value: must specify a volume type"]);
  });
});
