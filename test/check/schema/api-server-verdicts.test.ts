/**
 * The API server's verdicts, recorded: test/fixtures/check/api-server-verdicts holds objects
 * kube-apiserver v1.35.4 admitted (admitted.yaml) or refused (refused.yaml) under
 * `kubectl apply --server-side --dry-run=server` (2026-12-01), each one slipway check once
 * judged otherwise. The schema and api-validation steps must agree: nothing on the admitted
 * objects, and on the refused ones exactly the API server's messages (its order aside).
 * Add an object here with the dry run's output whenever a disagreement is fixed.
 */
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { REPO_ROOT } from "../../support/paths.js";

const FOLDER = "test/fixtures/check/api-server-verdicts";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** `object`: the API server's messages, as `kubectl apply --server-side --dry-run=server` printed them. */
const REFUSED: Readonly<Record<string, readonly string[]>> = {
  "Deployment shop/external-dns": [`spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name: Invalid value: "DO_TOKEN": ${SUBDOMAIN}`],
  "CronJob shop/nightly": ["spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed", "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0"],
  "StatefulSet shop/db": [
    `spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
    'spec.volumeClaimTemplates[0].spec.accessModes: Unsupported value: "RWO": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    'spec.volumeClaimTemplates[0].spec.resources[storage]: Invalid value: "0": must be greater than zero',
  ],
  "Service shop/sticky": ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"],
  "Pod shop/tuned": [
    `spec.containers[0].envFrom[0].prefix: Invalid value: "A=": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    "spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
    'spec.securityContext.sysctls[1].name: Duplicate value: "net.ipv4.ip_forward"',
    "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
  ],
  "HorizontalPodAutoscaler shop/bursty": [
    "spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600",
    'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
    'spec.behavior.scaleUp.policies[0].type: Unsupported value: "Replicas": supported values: "Percent", "Pods"',
    "spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero",
    "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800",
    "spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero",
    "spec.behavior.scaleDown.policies: Required value: must specify at least one Policy",
  ],
  "Deployment shop/probed": [
    "spec.template.spec.containers[0].lifecycle.postStart: Required value: must specify a handler type",
    "spec.template.spec.containers[0].lifecycle.preStop.sleep: Invalid value: 40: must be non-negative and less than terminationGracePeriodSeconds (30)",
    'spec.template.spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
    `spec.template.spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: "X Trace": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')`,
    "spec.template.spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
    "spec.template.spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0",
    "spec.template.spec.containers[0].readinessProbe.exec.command: Required value",
    "spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes",
    "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
  ],
  "Deployment shop/files": [
    `spec.template.spec.volumes[0].configMap.items[0].path: Invalid value: "../app.yaml": must not contain '..'`,
    "spec.template.spec.volumes[0].configMap.items[1].key: Required value",
    "spec.template.spec.volumes[0].configMap.items[1].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
    "spec.template.spec.volumes[1].secret.defaultMode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive",
    'spec.template.spec.volumes[1].secret.items[0].path: Invalid value: "/tls.crt": must be a relative path',
    `spec.template.spec.volumes[2].downwardAPI.path: Invalid value: "..labels": must not start with '..'`,
    'spec.template.spec.volumes[2].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
    "spec.template.spec.volumes[2].downwardAPI.resourceFieldRef.containerName: Required value",
    "spec.template.spec.volumes[2].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required",
    "spec.template.spec.volumes[3].projected.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
    'spec.template.spec.volumes[3].projected: Invalid value: "overrides": conflicting duplicate paths',
    "spec.template.spec.volumes[3].projected.sources[2].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
    'spec.template.spec.volumes[3].projected.path: Invalid value: "/token": must be a relative path',
  ],
  "Deployment shop/placed": [
    "spec.template.spec.volumes[0].configMap.items[0].path: Invalid value: \"/app.yaml\": must be a relative path",
    "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
    "spec.template.spec.initContainers[0].name: Duplicate value: \"app\"",
    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Within\": not a valid selector operator",
    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[3].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: Invalid value: \"metadata.labels\": not a valid field selector key",
    "spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
    "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels: Invalid value: \"placed!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace: Invalid value: \"Shop\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
    "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
    "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100",
    "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.matchLabelKeys[0]: Invalid value: \"pod-template-hash\": exists in both matchLabelKeys and mismatchLabelKeys",
    "spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
    "spec.template.spec.topologySpreadConstraints[0].minDomains: Invalid value: 0: must be greater than zero",
    "spec.template.spec.topologySpreadConstraints[1].labelSelector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator",
    "spec.template.spec.topologySpreadConstraints[2].topologyKey: Required value: can not be empty",
    "spec.template.spec.topologySpreadConstraints[2].whenUnsatisfiable: Unsupported value: \"Sometimes\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"",
    "spec.template.spec.topologySpreadConstraints[2].nodeAffinityPolicy: Unsupported value: \"Always\": supported values: \"Honor\", \"Ignore\"",
    "spec.template.spec.topologySpreadConstraints[3].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway",
    "spec.template.spec.topologySpreadConstraints[3].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set",
  ],
  "LimitRange shop/limits": [
    "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
    "spec.limits[0].defaultRequest[cpu]: Invalid value: \"1\": min value 2 is greater than default request value 1",
    "spec.limits[0].default[cpu]: Invalid value: \"2\": min value 2 is greater than default value 1",
    "spec.limits[0].maxLimitRequestRatio[memory]: Invalid value: \"500m\": ratio 500m is less than 1",
    "spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'",
    "spec.limits[2].limits: Required value: either minimum or maximum storage value is required, but neither was provided",
    "spec.limits[3].type: Duplicate value: \"Container\"",
    "spec.limits[4].type: Invalid value: \"Node\": must be a standard limit type or fully qualified",
  ],
  "ResourceQuota shop/quota": [
    "spec.hard[gpus!]: Invalid value: \"gpus!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    "spec.hard[gpus!]: Invalid value: \"gpus!\": must be a standard resource for quota",
    "spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0",
    "spec.scopes: Invalid value: [\"BestEffort\",\"NotBestEffort\",\"Idle\"]: unsupported scope applied to resource",
    "spec.scopes: Invalid value: [\"BestEffort\",\"NotBestEffort\",\"Idle\"]: unsupported scope",
    "spec.scopes: Invalid value: [\"BestEffort\",\"NotBestEffort\",\"Idle\"]: conflicting scopes",
    "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
    "spec.scopeSelector.matchExpressions.operator: Invalid value: \"In\": must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
  ],
  "StorageClass fast": [
    "parameters: Invalid value: \"\": field can not be empty.",
    "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
    "volumeBindingMode: Unsupported value: \"Lazy\": supported values: \"Immediate\", \"WaitForFirstConsumer\"",
    "allowedTopologies[0].matchLabelExpressions[0].values: Required value",
    "allowedTopologies[0].matchLabelExpressions[1].values[1]: Duplicate value: \"a\"",
    "allowedTopologies[0].matchLabelExpressions[1].key: Duplicate value: \"zone\"",
    "allowedTopologies[1].matchLabelExpressions: Duplicate value: \"\"",
  ],
  "PriorityClass system-batch": [
    "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-batch is not a known system priority class",
    "preemptionPolicy: Unsupported value: \"Always\": supported values: \"PreemptLowerPriority\", \"Never\"",
  ],
  "PriorityClass urgent": [
    "value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
  ],
  "ConfigMap shop/labelled": [
    "metadata.labels: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": name part must be no more than 63 bytes",
  ],
};

describe("the API server's recorded verdicts", () => {
  const findings = async (file: string) => (await checkManifests([`${FOLDER}/${file}`], { cwd: REPO_ROOT, kustomize: false, enable: ["schema", "api-validation"] })).findings;

  it("GIVEN objects the API server admitted WHEN checked THEN no schema or api-validation finding", async () => {
    expect((await findings("admitted.yaml")).map((finding) => `${finding.object}: ${finding.message}`)).toEqual([]);
  });

  it("GIVEN objects the API server refused WHEN checked THEN each gets exactly the API server's messages", async () => {
    const byObject: Record<string, string[]> = {};
    for (const finding of await findings("refused.yaml")) (byObject[finding.object ?? "(no object)"] ??= []).push(finding.message);
    const sorted = (record: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(record).map(([object, messages]) => [object, [...messages].sort()]));
    expect(sorted(byObject)).toEqual(sorted(REFUSED));
  });
});
