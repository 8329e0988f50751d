import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";

type Json = Record<string, any>;

const messages = (document: Json) => objectProblems({ apiVersion: document.apiVersion, kind: document.kind, document }).map((problem) => problem.message);

/** Valid objects: each case below tweaks one thing of one. */
const deployment = (change: (spec: Json) => void = () => {}): Json => {
  const spec: Json = {
    replicas: 2,
    selector: { matchLabels: { app: "api" } },
    template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "api", image: "nginx:1.27", env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }, { name: "MODE", value: "fast" }] }] } },
  };
  change(spec);
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: "shop" }, spec };
};
const claim = (spec: Json): Json => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "shop" }, spec });
const statefulSet = (claimSpec: Json): Json => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db", namespace: "shop" },
  spec: { serviceName: "db", selector: { matchLabels: { app: "db" } }, template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:17" }] } }, volumeClaimTemplates: [{ metadata: { name: "data" }, spec: claimSpec }] },
});
const ingress = (host: string): Json => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "web", namespace: "shop" },
  spec: { rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
});
const cronJob = (concurrencyPolicy: string): Json => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "report", namespace: "shop" },
  spec: { schedule: "0 * * * *", concurrencyPolicy, jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "r", image: "busybox:1.37" }] } } } } },
});

const WILDCARD =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("the API server's field rules (spec-field-validation)", () => {
  it.each([
    ["a Deployment with 0 replicas and env from value or valueFrom", deployment((spec) => (spec.replicas = 0))],
    ["an env var with an empty value and a valueFrom (upstream allows it)", deployment((spec) => spec.template.spec.containers[0].env.push({ name: "X", value: "", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }))],
    ["a claim with storage", claim({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } })],
    ["a StatefulSet claim template with storage", statefulSet({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } })],
    ["a host", ingress("shop.example.com")],
    ["a wildcard host", ingress("*.example.com")],
    ["a CronJob forbidding concurrent runs", cronJob("Forbid")],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["negative replicas", deployment((spec) => (spec.replicas = -1)), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]],
    [
      "an env var with both value and valueFrom",
      deployment((spec) => (spec.template.spec.containers[0].env[1].valueFrom = { fieldRef: { fieldPath: "metadata.name" } })),
      ['spec.template.spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
    ],
    ["a claim without storage", claim({ accessModes: ["ReadWriteOnce"] }), ["spec.resources[storage]: Required value"]],
    ["a claim requesting only other resources", claim({ accessModes: ["ReadWriteOnce"], resources: { requests: {} } }), ["spec.resources[storage]: Required value"]],
    ["a StatefulSet claim template without storage", statefulSet({ accessModes: ["ReadWriteOnce"] }), ["spec.volumeClaimTemplates[0].spec.resources[storage]: Required value"]],
    ["an upper-case host", ingress("Shop.example.com"), [`spec.rules[0].host: Invalid value: "Shop.example.com": ${SUBDOMAIN}`]],
    ["a wildcard in the middle", ingress("shop.*.com"), [`spec.rules[0].host: Invalid value: "shop.*.com": ${WILDCARD}`]],
    ["an IP address as host", ingress("10.0.0.1"), ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']],
    ["an unknown concurrencyPolicy", cronJob("Sometimes"), ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, document, expected) => {
    expect(messages(document)).toEqual(expected);
  });

  it("GIVEN fields of the wrong type WHEN validated THEN nothing here: the schema step reports them", () => {
    expect(messages(claim({ accessModes: ["ReadWriteOnce"], resources: "10Gi" }))).toEqual([]);
    expect(messages(deployment((spec) => (spec.replicas = "-1")))).toEqual([]);
  });

  const pod = (podSpec: Json): Json => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "shop" }, spec: { containers: [{ name: "c", image: "nginx:1.27" }], ...podSpec } });
  const tolerating = (...tolerations: Json[]) => pod({ tolerations });

  it.each([
    ["a toleration of every taint", tolerating({ operator: "Exists" })],
    ["Exists on a key with NoExecute and tolerationSeconds", tolerating({ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 })],
    ["Equal by default, with a value", tolerating({ key: "dedicated", value: "gpu", effect: "NoSchedule" })],
    ["a comparison operator (behind a feature gate, not judged)", tolerating({ key: "capacity", operator: "Gt", value: "4" })],
    ["a nodeSelector of label keys", pod({ nodeSelector: { "kubernetes.io/os": "linux", role: "system" } })],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["Exists with a value", tolerating({ key: "a", operator: "Exists", value: "b" }), ['spec.tolerations[0].operator: Invalid value: "b": value must be empty when `operator` is \'Exists\'']],
    ["an empty key with Equal", tolerating({ operator: "Equal", value: "x" }), ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    ["tolerationSeconds without NoExecute", tolerating({ key: "k", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 30 }), ['spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set']],
    [
      "an unknown operator and effect",
      tolerating({ key: "k", operator: "Maybe", effect: "Sometimes" }),
      ['spec.tolerations[0].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"', 'spec.tolerations[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    ["an Equal value that is no label value", tolerating({ key: "k", value: "not valid!" }), [expect.stringMatching(/^spec\.tolerations\[0\]\.operator: Invalid value: "not valid!": a valid label must be an empty string/)]],
    ["a nodeSelector key that is no label key", pod({ nodeSelector: { "bad key!": "x" } }), [expect.stringMatching(/^spec\.nodeSelector: Invalid value: "bad key!": name part must consist of alphanumeric characters/)]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, document, expected) => {
    expect(messages(document)).toEqual(expected);
  });
});

describe("a container's env and envFrom (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom)", () => {
  const withEnv = (env: Json[], envFrom?: Json[]): Json => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "shop" },
    spec: { containers: [{ name: "c", image: "nginx:1.27", env, ...(envFrom ? { envFrom } : {}) }] },
  });
  const at = "spec.containers[0]";

  it.each([
    ["a relaxed name (any printable ASCII but '=')", withEnv([{ name: "1my-var.x", value: "v" }])],
    ["a Secret key reference", withEnv([{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "api-token", key: "token" } } }])],
    ["a label by subscript", withEnv([{ name: "APP", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/name']" } } }])],
    ["an annotation by subscript, upper case", withEnv([{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.annotations['Example.com/Key']" } } }])],
    ["the node's IPs", withEnv([{ name: "IPS", valueFrom: { fieldRef: { fieldPath: "status.hostIPs" } } }])],
    ["a huge-pages limit", withEnv([{ name: "HP", valueFrom: { resourceFieldRef: { resource: "limits.hugepages-2Mi" } } }])],
    ["envFrom a ConfigMap with a prefix", withEnv([], [{ prefix: "APP_", configMapRef: { name: "settings" } }])],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["an empty name", [{ name: "", value: "v" }], [`${at}.env[0].name: Required value`]],
    ["a name with '='", [{ name: "A=B", value: "v" }], [`${at}.env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`]],
    ["a name with a tab", [{ name: "A\tB", value: "v" }], [`${at}.env[0].name: Invalid value: "A\\tB": a valid environment variable name must consist only of printable ASCII characters other than '='`]],
    ["an empty valueFrom", [{ name: "A", valueFrom: {} }], [`${at}.env[0].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\`, \`secretKeyRef\` or \`fileKeyRef\``]],
    ["an empty valueFrom beside a value (no source is the first complaint)", [{ name: "A", value: "v", valueFrom: {} }], [`${at}.env[0].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\`, \`secretKeyRef\` or \`fileKeyRef\``]],
    [
      "two sources",
      [{ name: "A", valueFrom: { configMapKeyRef: { name: "c", key: "k" }, secretKeyRef: { name: "s", key: "k" } } }],
      [`${at}.env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time`],
    ],
    ["a Secret name that is no DNS subdomain", [{ name: "T", valueFrom: { secretKeyRef: { name: "DO_TOKEN", key: "token" } } }], [`${at}.env[0].valueFrom.secretKeyRef.name: Invalid value: "DO_TOKEN": ${SUBDOMAIN}`]],
    ["a Secret reference without a name", [{ name: "T", valueFrom: { secretKeyRef: { key: "token" } } }], [`${at}.env[0].valueFrom.secretKeyRef.name: Invalid value: "": ${SUBDOMAIN}`]],
    ["a ConfigMap key with a space", [{ name: "T", valueFrom: { configMapKeyRef: { name: "c", key: "bad key" } } }], [expect.stringMatching(/^spec\.containers\[0\]\.env\[0\]\.valueFrom\.configMapKeyRef\.key: Invalid value: "bad key": a valid config key must consist of alphanumeric characters/)]],
    ["an empty ConfigMap key", [{ name: "T", valueFrom: { configMapKeyRef: { name: "c", key: "" } } }], [`${at}.env[0].valueFrom.configMapKeyRef.key: Required value`]],
    ["a field no conversion knows", [{ name: "T", valueFrom: { fieldRef: { fieldPath: "spec.nope" } } }], [`${at}.env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nope": error converting fieldPath: field label not supported: spec.nope`]],
    ["a subscript on a field that takes none", [{ name: "T", valueFrom: { fieldRef: { fieldPath: "metadata.name['x']" } } }], [`${at}.env[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.name['x']": error converting fieldPath: field label does not support subscript: metadata.name['x']`]],
    [
      "a field env vars cannot read",
      [{ name: "T", valueFrom: { fieldRef: { fieldPath: "status.phase" } } }],
      [`${at}.env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`],
    ],
    [
      "an unknown container resource",
      [{ name: "T", valueFrom: { resourceFieldRef: { resource: "limits.foo" } } }],
      [`${at}.env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.foo": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"`],
    ],
  ])("GIVEN env with %s WHEN validated THEN upstream's error", (_name, env, expected) => {
    expect(messages(withEnv(env))).toEqual(expected);
  });

  it.each([
    ["no source", [{ prefix: "P_" }], [`${at}.envFrom: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``]],
    ["two sources", [{ configMapRef: { name: "a" }, secretRef: { name: "b" } }], [`${at}.envFrom: Invalid value: "": may not have more than one field specified at a time`]],
    ["a ConfigMap without a name", [{ configMapRef: {} }], [`${at}.envFrom[0].configMapRef.name: Required value`]],
    ["a Secret name that is no DNS subdomain", [{ secretRef: { name: "Bad_N" } }], [`${at}.envFrom[0].secretRef.name: Invalid value: "Bad_N": ${SUBDOMAIN}`]],
    ["a prefix with '='", [{ prefix: "a=b", configMapRef: { name: "c" } }], [`${at}.envFrom[0].prefix: Invalid value: "a=b": a valid environment variable name must consist only of printable ASCII characters other than '='`]],
  ])("GIVEN envFrom with %s WHEN validated THEN upstream's error", (_name, envFrom, expected) => {
    expect(messages(withEnv([], envFrom))).toEqual(expected);
  });
});

describe("controller counts and durations (ValidateNonnegativeField in ValidateDeploymentSpec, ValidateStatefulSetSpec, validateJobSpec, validateCronJobSpec...)", () => {
  const template = { metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } };
  const jobTemplate = { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox:1.37" }] } };
  const object = (apiVersion: string, kind: string, spec: Json): Json => ({ apiVersion, kind, metadata: { name: "a", namespace: "shop" }, spec });
  const controller = (kind: string, spec: Json): Json => object("apps/v1", kind, { selector: { matchLabels: { app: "a" } }, template, ...spec });
  const job = (spec: Json): Json => object("batch/v1", "Job", { template: jobTemplate, ...spec });
  const cronJob = (spec: Json, jobSpec: Json = {}): Json => object("batch/v1", "CronJob", { schedule: "@daily", jobTemplate: { spec: { template: jobTemplate, ...jobSpec } }, ...spec });
  const negative = (path: string, value = -1) => `${path}: Invalid value: ${value}: must be greater than or equal to 0`;

  it.each([
    ["a Deployment with zero history and a deadline past minReadySeconds", controller("Deployment", { minReadySeconds: 0, revisionHistoryLimit: 0, progressDeadlineSeconds: 600 })],
    ["a StatefulSet starting at ordinal 0, Parallel, retaining claims", controller("StatefulSet", { serviceName: "a", ordinals: { start: 0 }, podManagementPolicy: "Parallel", persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Delete" } })],
    ["a Job with zero backoff and TTL", job({ backoffLimit: 0, ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 0, parallelism: 0, completionMode: "NonIndexed" })],
    ["a CronJob keeping no history", cronJob({ successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, startingDeadlineSeconds: 0 })],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["a negative minReadySeconds of a Deployment", controller("Deployment", { minReadySeconds: -1 }), [negative("spec.minReadySeconds")]],
    ["a negative revisionHistoryLimit of a Deployment", controller("Deployment", { revisionHistoryLimit: -1 }), [negative("spec.revisionHistoryLimit")]],
    ["a progress deadline not past minReadySeconds", controller("Deployment", { minReadySeconds: 30, progressDeadlineSeconds: 30 }), ["spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"]],
    ["a negative minReadySeconds of a DaemonSet", controller("DaemonSet", { minReadySeconds: -5 }), [negative("spec.minReadySeconds", -5)]],
    ["a negative revisionHistoryLimit of a DaemonSet", controller("DaemonSet", { revisionHistoryLimit: -1 }), [negative("spec.revisionHistoryLimit")]],
    ["a negative minReadySeconds of a ReplicaSet", controller("ReplicaSet", { minReadySeconds: -1 }), [negative("spec.minReadySeconds")]],
    ["a negative start ordinal", controller("StatefulSet", { serviceName: "a", ordinals: { start: -1 } }), [negative("spec.ordinals.start")]],
    ["an unknown podManagementPolicy", controller("StatefulSet", { serviceName: "a", podManagementPolicy: "Random" }), [`spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`]],
    ["an unknown claim retention", controller("StatefulSet", { serviceName: "a", persistentVolumeClaimRetentionPolicy: { whenDeleted: "Keep" } }), ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    [
      "negative Job counts",
      job({ parallelism: -1, completions: -1, backoffLimit: -1, ttlSecondsAfterFinished: -1, activeDeadlineSeconds: -1 }),
      [negative("spec.parallelism"), negative("spec.completions"), negative("spec.activeDeadlineSeconds"), negative("spec.backoffLimit"), negative("spec.ttlSecondsAfterFinished")],
    ],
    ["an unknown completionMode", job({ completionMode: "Numbered" }), ['spec.completionMode: Unsupported value: "Numbered": supported values: "NonIndexed", "Indexed"']],
    ["negative CronJob limits", cronJob({ startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -1 }), [negative("spec.startingDeadlineSeconds"), negative("spec.successfulJobsHistoryLimit"), negative("spec.failedJobsHistoryLimit")]],
    ["a negative backoffLimit in a CronJob's Job", cronJob({}, { backoffLimit: -1 }), [negative("spec.jobTemplate.spec.backoffLimit")]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, document, expected) => {
    expect(messages(document)).toEqual(expected);
  });
});

describe("claim specs of PersistentVolumeClaims, StatefulSet claim templates and ephemeral volumes (ValidatePersistentVolumeClaimSpec)", () => {
  const good = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } };
  const claimOf = (change: Json): Json => claim({ ...good, ...change });
  const ephemeral = (claimSpec: Json): Json => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "shop" },
    spec: { containers: [{ name: "c", image: "nginx:1.27" }], volumes: [{ name: "scratch", ephemeral: { volumeClaimTemplate: { spec: claimSpec } } }] },
  });
  const MODES = 'supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"';

  it.each([
    ["a claim with a class, block mode and RWOP", claimOf({ accessModes: ["ReadWriteOncePod"], storageClassName: "gp3", volumeMode: "Block" })],
    ["a claim of the empty class (no dynamic provisioning)", claimOf({ storageClassName: "" })],
    ["a claim of 1 as a number", claimOf({ resources: { requests: { storage: 1 } } })],
    ["an ephemeral volume with a claim template", ephemeral(good)],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["no access modes", claimOf({ accessModes: undefined }), ["spec.accessModes: Required value: at least 1 access mode is required"]],
    ["an empty list of access modes", claimOf({ accessModes: [] }), ["spec.accessModes: Required value: at least 1 access mode is required"]],
    ["an abbreviated access mode", claimOf({ accessModes: ["RWO"] }), [`spec.accessModes: Unsupported value: "RWO": ${MODES}`]],
    ["ReadWriteOncePod with another mode", claimOf({ accessModes: ["ReadWriteOncePod", "ReadWriteOnce"] }), ["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]],
    ["a size of zero", claimOf({ resources: { requests: { storage: "0" } } }), ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ["a negative size", claimOf({ resources: { requests: { storage: "-1Gi" } } }), ['spec.resources[storage]: Invalid value: "-1Gi": must be greater than zero']],
    ["a class that is no DNS subdomain", claimOf({ storageClassName: "Fast_SSD" }), [`spec.storageClassName: Invalid value: "Fast_SSD": ${SUBDOMAIN}`]],
    ["an unknown volume mode", claimOf({ volumeMode: "Raw" }), ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
    ["a StatefulSet claim template without access modes", statefulSet({ resources: { requests: { storage: "1Gi" } } }), ["spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required"]],
    ["an ephemeral claim template without a size", ephemeral({ accessModes: ["ReadWriteOnce"] }), ["spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Required value"]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, document, expected) => {
    expect(messages(document)).toEqual(expected);
  });
});
