/**
 * How many sources a volume may name, as the API server counts them (k8s.io/kubernetes
 * pkg/apis/core/validation):
 *
 * - a pod's volume (validateVolumeSource): at most one source. Upstream walks the sources in
 *   a fixed order and refuses every one after the first:
 *   `spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type`. A volume
 *   with no source is never refused from a manifest: v1 defaulting (SetDefaults_Volume)
 *   makes it an emptyDir before validation runs;
 * - a projected volume's source (validateProjectionSources): at most one of secret,
 *   configMap, downwardAPI, serviceAccountToken, clusterTrustBundle and podCertificate per
 *   entry, reported on the entry;
 * - a PersistentVolume (ValidatePersistentVolume): exactly one source; none is
 *   `spec: Required value: must specify a volume type` (no defaulting fills one in).
 *
 * Argo Rollouts' controller runs the same pod validation on a Rollout's template
 * (ValidateRolloutSpec → ValidatePodTemplateSpecForReplicaSet): a Rollout with two sources in
 * a volume never leaves InvalidSpec, so it is judged too.
 *
 * Upstream's field paths are kept as it writes them (`cephFS`, and `downwarAPI`, a typo in
 * validateVolumeSource); the finding's line is the field the manifest wrote.
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import type { FieldPath as Path } from "./field-errors.js";

export interface VolumeProblem {
  /** The field the message names. */
  readonly path: Path;
  /** `<reason>: <detail>` in upstream's words, without the field, which the caller prefixes. */
  readonly reason: string;
  readonly fix: string;
  /** The field as the manifest wrote it, when the message names it otherwise. */
  readonly at?: Path;
}

/** A pod volume's sources in validateVolumeSource's order: [JSON field, the name upstream's message gives it]. */
const POD_VOLUME_SOURCES: readonly (readonly [string, string])[] = [
  ["emptyDir", "emptyDir"],
  ["hostPath", "hostPath"],
  ["gitRepo", "gitRepo"],
  ["gcePersistentDisk", "gcePersistentDisk"],
  ["awsElasticBlockStore", "awsElasticBlockStore"],
  ["secret", "secret"],
  ["nfs", "nfs"],
  ["iscsi", "iscsi"],
  ["glusterfs", "glusterfs"],
  ["flocker", "flocker"],
  ["persistentVolumeClaim", "persistentVolumeClaim"],
  ["rbd", "rbd"],
  ["cinder", "cinder"],
  ["cephfs", "cephFS"],
  ["quobyte", "quobyte"],
  ["downwardAPI", "downwarAPI"],
  ["fc", "fc"],
  ["flexVolume", "flexVolume"],
  ["configMap", "configMap"],
  ["azureFile", "azureFile"],
  ["vsphereVolume", "vsphereVolume"],
  ["photonPersistentDisk", "photonPersistentDisk"],
  ["portworxVolume", "portworxVolume"],
  ["azureDisk", "azureDisk"],
  ["storageos", "storageos"],
  ["projected", "projected"],
  ["scaleIO", "scaleIO"],
  ["csi", "csi"],
  ["ephemeral", "ephemeral"],
  ["image", "image"],
];

const PROJECTION_SOURCES = ["secret", "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle", "podCertificate"];

/** A PersistentVolume's sources in ValidatePersistentVolume's order (flexVolume is counted there without a check of its own). */
const PERSISTENT_VOLUME_SOURCES: readonly (readonly [string, string])[] = [
  ["hostPath", "hostPath"],
  ["gcePersistentDisk", "gcePersistentDisk"],
  ["awsElasticBlockStore", "awsElasticBlockStore"],
  ["glusterfs", "glusterfs"],
  ["flocker", "flocker"],
  ["nfs", "nfs"],
  ["rbd", "rbd"],
  ["quobyte", "quobyte"],
  ["cephfs", "cephFS"],
  ["iscsi", "iscsi"],
  ["cinder", "cinder"],
  ["fc", "fc"],
  ["flexVolume", "flexVolume"],
  ["azureFile", "azureFile"],
  ["vsphereVolume", "vsphereVolume"],
  ["photonPersistentDisk", "photonPersistentDisk"],
  ["portworxVolume", "portworxVolume"],
  ["azureDisk", "azureDisk"],
  ["scaleIO", "scaleIO"],
  ["local", "local"],
  ["storageos", "storageos"],
  ["csi", "csi"],
];

const MORE_THAN_ONE = "Forbidden: may not specify more than 1 volume type";

/** `null` is an unset pointer to the API server: only a value counts as a source. */

/** The volumes of a pod spec (`specPath` is the pod spec's). */
export function podVolumeSourceProblems(podSpec: Readonly<JsonRecord>, specPath: Path): VolumeProblem[] {
  const problems: VolumeProblem[] = [];
  asArray(podSpec.volumes).forEach((item, index) => {
    const volume = asRecord(item);
    if (volume === undefined) return;
    const volumePath: Path = [...specPath, "volumes", index];
    const name = typeof volume.name === "string" ? volume.name : String(index);
    const found = POD_VOLUME_SOURCES.filter(([field]) => isSet(volume[field]));
    const [first, ...extra] = found;
    for (const [field, shown] of extra) {
      problems.push({
        path: [...volumePath, shown],
        at: [...volumePath, field],
        reason: MORE_THAN_ONE,
        fix: `give volume "${name}" one source: it has ${found.map(([source]) => source).join(" and ")}; split it into one volume per source, or use a projected volume to combine Secrets and ConfigMaps in one directory`,
      });
    }
    if (first?.[0] === "projected") problems.push(...projectionProblems(asRecord(volume.projected), [...volumePath, "projected"], name));
  });
  return problems;
}

function projectionProblems(projected: JsonRecord | undefined, path: Path, volumeName: string): VolumeProblem[] {
  const problems: VolumeProblem[] = [];
  asArray(projected?.sources).forEach((item, index) => {
    const source = asRecord(item);
    if (source === undefined) return;
    const found = PROJECTION_SOURCES.filter((field) => isSet(source[field]));
    if (found.length < 2) return;
    const sourcePath: Path = [...path, "sources", index];
    problems.push({
      path: sourcePath,
      reason: MORE_THAN_ONE,
      fix: `make ${found.join(" and ")} separate entries of the sources of projected volume "${volumeName}" (one source per entry)`,
    });
  });
  return problems;
}

/** A PersistentVolume's spec: exactly one source. */
export function persistentVolumeSourceProblems(spec: Readonly<JsonRecord>): VolumeProblem[] {
  const found = PERSISTENT_VOLUME_SOURCES.filter(([field]) => isSet(spec[field]));
  if (found.length === 0) {
    return [{ path: ["spec"], reason: "Required value: must specify a volume type", fix: "give the PersistentVolume its storage: a csi source (such as the EBS CSI driver's volumeHandle), or nfs, hostPath, local..." }];
  }
  // Upstream counts a flexVolume without refusing it when another source came first.
  return found.slice(1).filter(([field]) => field !== "flexVolume").map(([field, shown]) => ({
    path: ["spec", shown],
    at: ["spec", field],
    reason: MORE_THAN_ONE,
    fix: `keep one source in the PersistentVolume: it has ${found.map(([source]) => source).join(" and ")}`,
  }));
}
