import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";

type Json = Record<string, any>;

/** A Deployment whose pod spec is tweaked by `change`; messages as the API server words them. */
const deployment = (change: (spec: Json, container: Json) => void): Json => {
  const container: Json = { name: "app", image: "nginx:1.27" };
  const spec: Json = { containers: [container] };
  change(spec, container);
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec } } };
};
const messages = (document: Json) => objectProblems({ apiVersion: document.apiVersion, kind: document.kind, document }).map((problem) => problem.message);
const at = "spec.template.spec";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("pod spec fields (ValidatePodSpec, validatePodSpecSecurityContext, validateSeccompProfileField...)", () => {
  it.each([
    [
      "every field set to a valid value",
      deployment((spec, container) => {
        Object.assign(spec, { serviceAccountName: "runner", nodeName: "ip-10-0-0-1.ec2.internal", priorityClassName: "system-cluster-critical", runtimeClassName: "gvisor", hostname: "web-0", subdomain: "web", preemptionPolicy: "Never", os: { name: "linux" } });
        spec.securityContext = { runAsUser: 0, runAsGroup: 1000, fsGroup: 2000, supplementalGroups: [3000], fsGroupChangePolicy: "OnRootMismatch", supplementalGroupsPolicy: "Strict", seccompProfile: { type: "Localhost", localhostProfile: "profiles/audit.json" }, sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }, { name: "kernel/shm_rmid_forced", value: "1" }] };
        spec.readinessGates = [{ conditionType: "target-health.elbv2.k8s.aws/web" }];
        container.terminationMessagePolicy = "FallbackToLogsOnError";
        container.securityContext = { runAsUser: 65534, procMount: "Default", seccompProfile: { type: "RuntimeDefault" }, appArmorProfile: { type: "Localhost", localhostProfile: "k8s-nginx" } };
      }),
    ],
    ["a scheduler name with a space (upstream does not judge it)", deployment((spec) => (spec.schedulerName = "my scheduler"))],
    ["an image pull secret with an invalid name (upstream only warns)", deployment((spec) => (spec.imagePullSecrets = [{ name: "Bad_Secret" }]))],
    [
      "a StatefulSet template's subdomain and hostname (ValidateStatefulSetSpec clears them: the controller sets both)",
      { ...deployment((spec) => Object.assign(spec, { subdomain: "db.internal", hostname: "Db_0" })), kind: "StatefulSet" },
    ],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["a ServiceAccount name with upper case", (spec: Json) => (spec.serviceAccountName = "Bad_SA"), [`${at}.serviceAccountName: Invalid value: "Bad_SA": ${SUBDOMAIN}`]],
    ["a node name with an underscore", (spec: Json) => (spec.nodeName = "Bad_Node"), [`${at}.nodeName: Invalid value: "Bad_Node": ${SUBDOMAIN}`]],
    ["a priority class with upper case", (spec: Json) => (spec.priorityClassName = "High"), [`${at}.priorityClassName: Invalid value: "High": ${SUBDOMAIN}`]],
    ["a runtime class with upper case", (spec: Json) => (spec.runtimeClassName = "Bad_RC"), [`${at}.runtimeClassName: Invalid value: "Bad_RC": ${SUBDOMAIN}`]],
    ["a subdomain with dots", (spec: Json) => (spec.subdomain = "a.b"), [`${at}.subdomain: Invalid value: "a.b": must not contain dots`]],
    ["a hostname with upper case", (spec: Json) => (spec.hostname = "Web"), [expect.stringMatching(/^spec\.template\.spec\.hostname: Invalid value: "Web": a lowercase RFC 1123 label must consist/)]],
    ["an unknown preemptionPolicy", (spec: Json) => (spec.preemptionPolicy = "Sometimes"), [`${at}.preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"`]],
    ["an unknown OS", (spec: Json) => (spec.os = { name: "mac" }), [`${at}.os: Unsupported value: "mac": supported values: "linux", "windows"`]],
    ["a negative runAsUser", (spec: Json) => (spec.securityContext = { runAsUser: -1 }), [`${at}.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive`]],
    ["a group above 2^31-1", (spec: Json) => (spec.securityContext = { fsGroup: 2147483648 }), [`${at}.securityContext.fsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive`]],
    ["a negative supplemental group", (spec: Json) => (spec.securityContext = { supplementalGroups: [-5] }), [`${at}.securityContext.supplementalGroups[0]: Invalid value: -5: must be between 0 and 2147483647, inclusive`]],
    ["an unknown fsGroupChangePolicy", (spec: Json) => (spec.securityContext = { fsGroupChangePolicy: "Sometimes" }), [`${at}.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch"`]],
    ["an unknown supplementalGroupsPolicy", (spec: Json) => (spec.securityContext = { supplementalGroupsPolicy: "Loose" }), [`${at}.securityContext.supplementalGroupsPolicy: Unsupported value: "Loose": supported values: "Merge", "Strict"`]],
    ["an unknown seccomp type", (spec: Json) => (spec.securityContext = { seccompProfile: { type: "Default" } }), [`${at}.securityContext.seccompProfile.type: Unsupported value: "Default": supported values: "Localhost", "RuntimeDefault", "Unconfined"`]],
    ["a Localhost seccomp without a profile", (spec: Json) => (spec.securityContext = { seccompProfile: { type: "Localhost" } }), [`${at}.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost`]],
    [
      "a seccomp profile beside RuntimeDefault",
      (spec: Json) => (spec.securityContext = { seccompProfile: { type: "RuntimeDefault", localhostProfile: "x" } }),
      [`${at}.securityContext.seccompProfile.localhostProfile: Invalid value: {"Type":"RuntimeDefault","LocalhostProfile":"x"}: can only be set when seccomp type is Localhost`],
    ],
    ["a sysctl name with a space", (spec: Json) => (spec.securityContext = { sysctls: [{ name: "Bad Name", value: "1" }] }), [`${at}.securityContext.sysctls[0].name: Invalid value: "Bad Name": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`]],
    ["a sysctl twice", (spec: Json) => (spec.securityContext = { sysctls: [{ name: "net.ipv4.ip_forward", value: "1" }, { name: "net.ipv4.ip_forward", value: "1" }] }), [`${at}.securityContext.sysctls[1].name: Duplicate value: "net.ipv4.ip_forward"`]],
    ["a readiness gate that is no qualified name", (spec: Json) => (spec.readinessGates = [{ conditionType: "Bad Type" }]), [expect.stringMatching(/^spec\.template\.spec\.readinessGates\[0\]\.conditionType: Invalid value: "Bad Type": name part must consist of alphanumeric characters/)]],
    ["an unknown terminationMessagePolicy", (_spec: Json, container: Json) => (container.terminationMessagePolicy = "Sometimes"), [`${at}.containers[0].terminationMessagePolicy: Unsupported value: "Sometimes": supported values: "File", "FallbackToLogsOnError"`]],
    ["an unknown procMount", (_spec: Json, container: Json) => (container.securityContext = { procMount: "Weird" }), [`${at}.containers[0].securityContext.procMount: Unsupported value: "Weird": supported values: "Default", "Unmasked"`]],
    ["a container's negative runAsGroup", (_spec: Json, container: Json) => (container.securityContext = { runAsGroup: -1 }), [`${at}.containers[0].securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive`]],
    ["a container's Localhost seccomp without a profile", (_spec: Json, container: Json) => (container.securityContext = { seccompProfile: { type: "Localhost" } }), [`${at}.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost`]],
    ["a Localhost AppArmor profile without a name", (_spec: Json, container: Json) => (container.securityContext = { appArmorProfile: { type: "Localhost" } }), [`${at}.containers[0].securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost`]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, change, expected) => {
    expect(messages(deployment(change as (spec: Json, container: Json) => void))).toEqual(expected);
  });
});
