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
 * - the files a volume writes (validateSecretVolumeSource, validateConfigMapVolumeSource,
 *   validateDownwardAPIVolumeSource, validateProjectedVolumeSource): each item's key and path
 *   set, the path relative, without a `..` element and not starting with `..`
 *   (ValidateLocalNonReservedPath), modes and default modes from 0 to 0777; a downward-API
 *   file reads one pod field (metadata.name, namespace, uid, labels, annotations) or a named
 *   container's resource; a projected volume writes each path once and its service account
 *   tokens last at least 10 minutes. Upstream names a downward-API file and a token by their
 *   volume's path, without the item's index (`downwardAPI.path`, `projected.path`), and so do these messages.
 *
 * Argo Rollouts' controller runs the same pod validation on a Rollout's template
 * (ValidateRolloutSpec → ValidatePodTemplateSpecForReplicaSet): a Rollout with two sources in
 * a volume never leaves InvalidSpec, so it is judged too.
 *
 * Upstream's field paths are kept as it writes them (`cephFS`, and `downwarAPI`, a typo in
 * validateVolumeSource); the finding's line is the field the manifest wrote.
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { invalidValue, showFieldPath, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { fieldRefProblems } from "./spec-field-validation.js";

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
export function podVolumeSourceProblems(podSpec: Readonly<JsonRecord>, specPath: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
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
    // Only the first source is validated (validateVolumeSource).
    const source = first === undefined ? undefined : asRecord(volume[first[0]]);
    if (first === undefined || source === undefined) return;
    const sourcePath: Path = [...volumePath, first[0]];
    if (first[0] === "projected") problems.push(...projectionProblems(source, sourcePath, name));
    if (first[0] === "secret" || first[0] === "configMap" || first[0] === "projected") modeProblem(source.defaultMode, [...sourcePath, "defaultMode"], problems);
    if (first[0] === "secret" || first[0] === "configMap") {
      asArray(source.items).forEach((item, index) => {
        const keyToPath = asRecord(item);
        if (keyToPath !== undefined) problems.push(...keyToPathProblems(keyToPath, [...sourcePath, "items", index]));
      });
    }
    if (first[0] === "downwardAPI") {
      modeProblem(source.defaultMode, [...sourcePath, "defaultMode"], problems);
      for (const item of asArray(source.items)) {
        const file = asRecord(item);
        if (file !== undefined) problems.push(...downwardApiFileProblems(file, sourcePath));
      }
    }
  });
  return problems;
}

const FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";
/** validVolumeDownwardAPIFieldPathExpressions, sorted as upstream lists them. */
const VOLUME_FIELD_PATHS = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
const MIN_TOKEN_EXPIRATION_SECONDS = 600;
const MAX_TOKEN_EXPIRATION_SECONDS = 2 ** 32;

function modeProblem(mode: unknown, path: Path, problems: FieldProblem[]): void {
  if (typeof mode === "number" && Number.isInteger(mode) && (mode < 0 || mode > 0o777)) {
    problems.push({ path, reason: `Invalid value: ${mode}: ${FILE_MODE}`, fix: `write the mode in octal from 0 to 0777 (YAML 0644, or 420 in decimal); ${mode} is no file mode` });
  }
}

/** ValidateLocalNonReservedPath: a relative path, no `..` element, not starting with `..` (Kubernetes' own `..data` links). */
function localPathProblems(target: string, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const fix = "write a path relative to the mount point, without '..' (such as config/app.yaml)";
  if (target.startsWith("/")) problems.push({ path, reason: invalidValue(target, "must be a relative path"), fix });
  if (target.split("/").includes("..")) problems.push({ path, reason: invalidValue(target, "must not contain '..'"), fix });
  if (target.startsWith("..") && !target.startsWith("../")) problems.push({ path, reason: invalidValue(target, "must not start with '..'"), fix: "rename the file: names starting with '..' are the kubelet's (..data links the current files)" });
  return problems;
}

/** validateKeyToPath: an item of a Secret or ConfigMap volume (or projection). */
function keyToPathProblems(item: JsonRecord, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (item.key === "" || item.key === undefined || item.key === null) problems.push({ path: [...path, "key"], reason: "Required value", fix: "name the key whose value the file holds" });
  const target = item.path;
  if (target === "" || target === undefined || target === null) problems.push({ path: [...path, "path"], reason: "Required value", fix: "name the file the key is written to, relative to the mount point" });
  if (typeof target === "string") problems.push(...localPathProblems(target, [...path, "path"]));
  modeProblem(item.mode, [...path, "mode"], problems);
  return problems;
}

/** validateDownwardAPIVolumeFile; `path` is the volume's (or the projection's) downwardAPI, which upstream's messages name without the item. */
function downwardApiFileProblems(file: JsonRecord, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const target = file.path;
  if (target === "" || target === undefined || target === null) problems.push({ path: [...path, "path"], reason: "Required value", fix: "name the file the pod field is written to" });
  if (typeof target === "string") problems.push(...localPathProblems(target, [...path, "path"]));
  const fieldRef = asRecord(file.fieldRef);
  const resourceFieldRef = asRecord(file.resourceFieldRef);
  if (fieldRef !== undefined) {
    if (typeof fieldRef.fieldPath === "string" && fieldRef.fieldPath !== "") {
      for (const problem of fieldRefProblems(fieldRef.fieldPath, VOLUME_FIELD_PATHS, [...path, "fieldRef"])) {
        problems.push({ path: problem.path, reason: problem.message.slice(showFieldPath(problem.path).length + 2), fix: problem.fix });
      }
    }
    if (resourceFieldRef !== undefined) problems.push({ path, reason: 'Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously', fix: "write the pod field and the container resource to two files (two items)" });
  } else if (resourceFieldRef !== undefined) {
    if (resourceFieldRef.containerName === undefined || resourceFieldRef.containerName === null || resourceFieldRef.containerName === "") {
      problems.push({ path: [...path, "resourceFieldRef", "containerName"], reason: "Required value", fix: "name the container whose resource the file holds (a volume is the pod's, not one container's)" });
    }
  } else {
    problems.push({ path, reason: "Required value: one of fieldRef and resourceFieldRef is required", fix: "give the item a fieldRef (such as metadata.labels) or a resourceFieldRef" });
  }
  modeProblem(file.mode, [...path, "mode"], problems);
  return problems;
}

function projectionProblems(projected: JsonRecord | undefined, path: Path, volumeName: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const written = new Set<string>();
  // A second file at one path is refused on the projection, with the source's name (a Secret's or ConfigMap's) or the path as the value.
  const claim = (target: unknown, shown: unknown) => {
    if (typeof target !== "string" || target === "") return;
    if (written.has(target)) problems.push({ path, reason: invalidValue(shown, "conflicting duplicate paths"), fix: `write "${target}" once in projected volume "${volumeName}": rename one of its files with items[].path` });
    written.add(target);
  };
  asArray(projected?.sources).forEach((item, index) => {
    const source = asRecord(item);
    if (source === undefined) return;
    const sourcePath: Path = [...path, "sources", index];
    for (const kind of ["secret", "configMap"] as const) {
      const object = asRecord(source[kind]);
      if (object === undefined) continue;
      asArray(object.items).forEach((entry, itemIndex) => {
        const keyToPath = asRecord(entry);
        if (keyToPath === undefined) return;
        problems.push(...keyToPathProblems(keyToPath, [...sourcePath, kind, "items", itemIndex]));
        claim(keyToPath.path, typeof object.name === "string" ? object.name : "");
      });
    }
    for (const entry of asArray(asRecord(source.downwardAPI)?.items)) {
      const file = asRecord(entry);
      if (file === undefined) continue;
      problems.push(...downwardApiFileProblems(file, [...sourcePath, "downwardAPI"]));
      claim(file.path, file.path);
    }
    const token = asRecord(source.serviceAccountToken);
    if (token !== undefined) {
      const expiration = token.expirationSeconds;
      // 0 or unset is defaulted to 3600.
      if (typeof expiration === "number" && Number.isInteger(expiration) && expiration !== 0) {
        const at: Path = [...sourcePath, "serviceAccountToken", "expirationSeconds"];
        if (expiration < MIN_TOKEN_EXPIRATION_SECONDS) problems.push({ path: at, reason: `Invalid value: ${expiration}: may not specify a duration less than 10 minutes`, fix: "set expirationSeconds to 600 or more (the kubelet refreshes the token before it expires)" });
        else if (expiration > MAX_TOKEN_EXPIRATION_SECONDS) problems.push({ path: at, reason: `Invalid value: ${expiration}: may not specify a duration larger than 2^32 seconds`, fix: "set expirationSeconds to at most 4294967296" });
      }
      const target = token.path;
      if (target === "" || target === undefined || target === null) problems.push({ path: [...path, "path"], reason: "Required value", fix: "name the file the token is written to (such as token)", at: [...sourcePath, "serviceAccountToken"] });
      if (typeof target === "string") problems.push(...localPathProblems(target, [...path, "path"]).map((problem) => ({ ...problem, at: [...sourcePath, "serviceAccountToken", "path"] })));
      claim(target, target);
    }
    const found = PROJECTION_SOURCES.filter((field) => isSet(source[field]));
    if (found.length < 2) return;
    problems.push({
      path: sourcePath,
      reason: MORE_THAN_ONE,
      fix: `make ${found.join(" and ")} separate entries of the sources of projected volume "${volumeName}" (one source per entry)`,
    });
  });
  return problems;
}

/** A PersistentVolume's spec: exactly one source. */
export function persistentVolumeSourceProblems(spec: Readonly<JsonRecord>): FieldProblem[] {
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
