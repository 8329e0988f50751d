/**
 * Measures how often `slipway check` agrees with a real kube-apiserver on one-mutation
 * variants of built-in objects (HPA behavior, topology spread, affinity, probes and hooks,
 * volume item paths, LimitRange, ResourceQuota, StorageClass, PriorityClass, duplicate
 * list-map keys, a Deployment's defaulted progress deadline), valid and invalid ones. Each
 * variant is judged by `kubectl apply --server-side --dry-run=server` (in a namespace `shop`
 * it creates first) and by checkManifests' schema and api-validation steps for 1.35; the
 * verdicts (refused or admitted) are compared per area, and for refused variants the
 * messages too. Server-side apply's merge refuses duplicate list-map keys before validation
 * (`failed to create typed patch object`); such a variant is judged by `kubectl create
 * --dry-run=server` instead, and one a plain create admits (with a warning) is counted apart:
 * Slipway does not flag those.
 *
 * Usage: npx tsx scripts/api-server-agreement.ts KUBECTL [kubectl flags...]
 *   e.g. ~/.cache/slipway/kubectl-layer-2.2.2/kubectl/kubectl --server=https://127.0.0.1:16443 --token=T --insecure-skip-tls-verify=true
 * (an API server of the version judged: etcd and kube-apiserver from
 * ~/.cache/slipway/local-control-plane/v1.35.4/bin are enough). Prints one line per
 * disagreement and the counts; exit code 0 when every verdict agrees, 1 otherwise.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkManifests } from "../src/check/check.js";

// The variants are built by mutating plain objects: `any` keeps the corpus short.
type Json = any;
interface Variant {
  readonly area: string;
  readonly name: string;
  readonly object: Json;
}

const [kubectl, ...kubectlFlags] = process.argv.slice(2);
if (kubectl === undefined) {
  console.error("usage: npx tsx scripts/api-server-agreement.ts KUBECTL [kubectl flags...]");
  process.exit(2);
}

const clone = (x: Json): Json => JSON.parse(JSON.stringify(x));
const deploy = (): Json => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80, name: "http" }] }] } } } });
const hpa = (): Json => ({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "web", namespace: "shop" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] } });
const variants: Variant[] = [];
const add = (area: string, name: string, base: () => Json, mutate: (object: Json) => void): void => {
  const object = base();
  mutate(object);
  variants.push({ area, name, object });
};
const pod = (o: Json): Json => o.spec.template.spec;
const c0 = (o: Json): Json => o.spec.template.spec.containers[0];
// HPA behavior
const pol = (p: Json) => (o: Json): void => {
  o.spec.behavior = p;
};
add("hpa", "valid-policy", hpa, pol({ scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 60 }] } }));
add("hpa", "policy-type-bogus", hpa, pol({ scaleUp: { policies: [{ type: "Bogus", value: 4, periodSeconds: 60 }] } }));
add("hpa", "policy-value-0", hpa, pol({ scaleUp: { policies: [{ type: "Pods", value: 0, periodSeconds: 60 }] } }));
add("hpa", "policy-value-neg", hpa, pol({ scaleDown: { policies: [{ type: "Percent", value: -5, periodSeconds: 60 }] } }));
add("hpa", "policy-period-0", hpa, pol({ scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 0 }] } }));
add("hpa", "policy-period-1800", hpa, pol({ scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 1800 }] } }));
add("hpa", "policy-period-1801", hpa, pol({ scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 1801 }] } }));
add("hpa", "percent-200", hpa, pol({ scaleUp: { policies: [{ type: "Percent", value: 200, periodSeconds: 15 }] } }));
add("hpa", "window-neg", hpa, pol({ scaleDown: { stabilizationWindowSeconds: -1 } }));
add("hpa", "window-3600", hpa, pol({ scaleDown: { stabilizationWindowSeconds: 3600 } }));
add("hpa", "window-3601", hpa, pol({ scaleDown: { stabilizationWindowSeconds: 3601 } }));
add("hpa", "window-0", hpa, pol({ scaleUp: { stabilizationWindowSeconds: 0 } }));
add("hpa", "select-bogus", hpa, pol({ scaleUp: { selectPolicy: "Bogus" } }));
add("hpa", "select-disabled", hpa, pol({ scaleDown: { selectPolicy: "Disabled" } }));
add("hpa", "select-min", hpa, pol({ scaleDown: { selectPolicy: "Min", policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } }));
add("hpa", "policies-empty", hpa, pol({ scaleUp: { policies: [] } }));
add("hpa", "behavior-empty", hpa, pol({}));
add("hpa", "two-bad", hpa, pol({ scaleUp: { policies: [{ type: "Pods", value: 0, periodSeconds: 0 }] } }));
add("hpa", "tolerance-neg", hpa, pol({ scaleUp: { tolerance: "-1" } }));
// topology spread
const tsc = (list: Json[]) => (o: Json): void => {
  pod(o).topologySpreadConstraints = list;
};
const sel = { matchLabels: { app: "web" } };
add("spread", "valid", deploy, tsc([{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "maxskew-0", deploy, tsc([{ maxSkew: 0, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "maxskew-neg", deploy, tsc([{ maxSkew: -1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: sel }]));
add("spread", "when-bogus", deploy, tsc([{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "Bogus", labelSelector: sel }]));
add("spread", "key-empty", deploy, tsc([{ maxSkew: 1, topologyKey: "", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "key-bad", deploy, tsc([{ maxSkew: 1, topologyKey: "bad key!", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "mindomains-0", deploy, tsc([{ maxSkew: 1, minDomains: 0, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "mindomains-anyway", deploy, tsc([{ maxSkew: 1, minDomains: 2, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: sel }]));
add("spread", "mindomains-2", deploy, tsc([{ maxSkew: 1, minDomains: 2, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "duplicate-pair", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }, { maxSkew: 2, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }]));
add("spread", "same-key-other-when", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel }, { maxSkew: 2, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: sel }]));
add("spread", "matchlabelkeys-valid", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel, matchLabelKeys: ["pod-template-hash"] }]));
add("spread", "matchlabelkeys-overlap", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel, matchLabelKeys: ["app"] }]));
add("spread", "matchlabelkeys-no-selector", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", matchLabelKeys: ["pod-template-hash"] }]));
add("spread", "matchlabelkeys-bad", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel, matchLabelKeys: ["bad key"] }]));
add("spread", "nodeaffinitypolicy-bogus", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel, nodeAffinityPolicy: "Bogus" }]));
add("spread", "nodetaintspolicy-honor", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: sel, nodeTaintsPolicy: "Honor" }]));
add("spread", "selector-bad-op", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchExpressions: [{ key: "app", operator: "Bogus", values: ["x"] }] } }]));
add("spread", "no-selector", deploy, tsc([{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" }]));
// affinity
const aff = (a: Json) => (o: Json): void => {
  pod(o).affinity = a;
};
const term = (e: Json): Json => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [e] }] } });
add("affinity", "valid-node", deploy, aff({ nodeAffinity: term({ key: "zone", operator: "In", values: ["a"] }) }));
add("affinity", "terms-empty", deploy, aff({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }));
add("affinity", "term-empty", deploy, aff({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } }));
add("affinity", "op-bogus", deploy, aff({ nodeAffinity: term({ key: "zone", operator: "Bogus", values: ["a"] }) }));
add("affinity", "in-no-values", deploy, aff({ nodeAffinity: term({ key: "zone", operator: "In" }) }));
add("affinity", "exists-values", deploy, aff({ nodeAffinity: term({ key: "zone", operator: "Exists", values: ["a"] }) }));
add("affinity", "gt-two", deploy, aff({ nodeAffinity: term({ key: "n", operator: "Gt", values: ["1", "2"] }) }));
add("affinity", "gt-nonint", deploy, aff({ nodeAffinity: term({ key: "n", operator: "Gt", values: ["x"] }) }));
add("affinity", "key-bad", deploy, aff({ nodeAffinity: term({ key: "bad key", operator: "Exists" }) }));
add("affinity", "matchfields-bad", deploy, aff({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.labels", operator: "In", values: ["a"] }] }] } } }));
add("affinity", "matchfields-valid", deploy, aff({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["a"] }] }] } } }));
add("affinity", "pref-weight-0", deploy, aff({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } }] } }));
add("affinity", "pref-weight-101", deploy, aff({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } }] } }));
add("affinity", "pref-weight-100", deploy, aff({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } }] } }));
add("affinity", "anti-valid", deploy, aff({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: sel }] } }));
add("affinity", "anti-key-empty", deploy, aff({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "", labelSelector: sel }] } }));
add("affinity", "anti-key-bad", deploy, aff({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "bad key", labelSelector: sel }] } }));
add("affinity", "pod-pref-weight-0", deploy, aff({ podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: "zone", labelSelector: sel } }] } }));
add("affinity", "pod-selector-bad-value", deploy, aff({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone", labelSelector: { matchLabels: { app: "bad value!" } } }] } }));
add("affinity", "pod-ns-bad", deploy, aff({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone", labelSelector: sel, namespaces: ["Bad_NS"] }] } }));
add("affinity", "pod-matchlabelkeys-overlap", deploy, aff({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone", labelSelector: sel, matchLabelKeys: ["app"] }] } }));
add("affinity", "pod-mismatch-both", deploy, aff({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone", labelSelector: sel, matchLabelKeys: ["x"], mismatchLabelKeys: ["x"] }] } }));
// probes
const probe = (name: string, p: Json) => (o: Json): void => {
  c0(o)[name] = p;
};
const http = { httpGet: { port: 80, path: "/" } };
add("probe", "valid", deploy, probe("livenessProbe", { ...http, periodSeconds: 10, failureThreshold: 3 }));
add("probe", "period-neg", deploy, probe("livenessProbe", { ...http, periodSeconds: -1 }));
add("probe", "period-0", deploy, probe("livenessProbe", { ...http, periodSeconds: 0 }));
add("probe", "timeout-neg", deploy, probe("readinessProbe", { ...http, timeoutSeconds: -1 }));
add("probe", "delay-neg", deploy, probe("readinessProbe", { ...http, initialDelaySeconds: -1 }));
add("probe", "failure-neg", deploy, probe("startupProbe", { ...http, failureThreshold: -1 }));
add("probe", "success-0-readiness", deploy, probe("readinessProbe", { ...http, successThreshold: 0 }));
add("probe", "success-2-readiness", deploy, probe("readinessProbe", { ...http, successThreshold: 2 }));
add("probe", "success-2-startup", deploy, probe("startupProbe", { ...http, successThreshold: 2 }));
add("probe", "tgps-readiness", deploy, probe("readinessProbe", { ...http, terminationGracePeriodSeconds: 10 }));
add("probe", "tgps-0-liveness", deploy, probe("livenessProbe", { ...http, terminationGracePeriodSeconds: 0 }));
add("probe", "tgps-10-liveness", deploy, probe("livenessProbe", { ...http, terminationGracePeriodSeconds: 10 }));
add("probe", "grpc-port-0", deploy, probe("livenessProbe", { grpc: { port: 0 } }));
add("probe", "grpc-port-70000", deploy, probe("livenessProbe", { grpc: { port: 70000 } }));
add("probe", "grpc-valid", deploy, probe("livenessProbe", { grpc: { port: 9090, service: "x" } }));
add("probe", "scheme-bogus", deploy, probe("livenessProbe", { httpGet: { port: 80, scheme: "FTP" } }));
add("probe", "header-bad", deploy, probe("livenessProbe", { httpGet: { port: 80, httpHeaders: [{ name: "bad header", value: "x" }] } }));
add("probe", "two-handlers", deploy, probe("livenessProbe", { ...http, tcpSocket: { port: 80 } }));
add("probe", "named-port-unknown", deploy, probe("livenessProbe", { httpGet: { port: "metrics" } }));
add("probe", "exec-empty", deploy, probe("livenessProbe", { exec: {} }));
add("probe", "prestop-sleep-neg", deploy, (o: Json) => { c0(o).lifecycle = { preStop: { sleep: { seconds: -1 } } }; });
add("probe", "prestop-no-handler", deploy, (o: Json) => { c0(o).lifecycle = { preStop: {} }; });
// volume item paths
const vol = (v: Json) => (o: Json): void => { pod(o).volumes = [{ name: "v", ...v }]; c0(o).volumeMounts = [{ name: "v", mountPath: "/v" }]; };
add("volume", "cm-valid", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "dir/a.conf", mode: 0o644 }] } }));
add("volume", "cm-dotdot", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "../a" }] } }));
add("volume", "cm-inner-dotdot", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "x/../a" }] } }));
add("volume", "cm-dotdot-prefix", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "..data" }] } }));
add("volume", "cm-dots-in-name", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "a..b" }] } }));
add("volume", "cm-abs", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "/etc/a" }] } }));
add("volume", "cm-empty-path", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "" }] } }));
add("volume", "cm-empty-key", deploy, vol({ configMap: { name: "c", items: [{ key: "", path: "a" }] } }));
add("volume", "cm-mode-512", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "a", mode: 512 }] } }));
add("volume", "cm-mode-neg", deploy, vol({ configMap: { name: "c", items: [{ key: "a", path: "a", mode: -1 }] } }));
add("volume", "cm-defaultmode-512", deploy, vol({ configMap: { name: "c", defaultMode: 512 } }));
add("volume", "cm-defaultmode-511", deploy, vol({ configMap: { name: "c", defaultMode: 511 } }));
add("volume", "secret-dotdot", deploy, vol({ secret: { secretName: "s", items: [{ key: "a", path: "../a" }] } }));
add("volume", "secret-defaultmode-neg", deploy, vol({ secret: { secretName: "s", defaultMode: -1 } }));
add("volume", "secret-mode-512", deploy, vol({ secret: { secretName: "s", items: [{ key: "a", path: "a", mode: 512 }] } }));
add("volume", "projected-dotdot", deploy, vol({ projected: { sources: [{ configMap: { name: "c", items: [{ key: "a", path: "../a" }] } }] } }));
add("volume", "projected-dup-path", deploy, vol({ projected: { sources: [{ configMap: { name: "c", items: [{ key: "a", path: "a" }] } }, { secret: { name: "s", items: [{ key: "a", path: "a" }] } }] } }));
add("volume", "projected-defaultmode-512", deploy, vol({ projected: { defaultMode: 512, sources: [{ configMap: { name: "c" } }] } }));
add("volume", "projected-sat-path-abs", deploy, vol({ projected: { sources: [{ serviceAccountToken: { path: "/token" } }] } }));
add("volume", "projected-sat-expiry", deploy, vol({ projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 60 } }] } }));
add("volume", "downward-valid", deploy, vol({ downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } }));
add("volume", "downward-abs", deploy, vol({ downwardAPI: { items: [{ path: "/labels", fieldRef: { fieldPath: "metadata.labels" } }] } }));
add("volume", "downward-dotdot", deploy, vol({ downwardAPI: { items: [{ path: "../labels", fieldRef: { fieldPath: "metadata.labels" } }] } }));
add("volume", "downward-mode-512", deploy, vol({ downwardAPI: { items: [{ path: "labels", mode: 512, fieldRef: { fieldPath: "metadata.labels" } }] } }));
add("volume", "downward-field-bogus", deploy, vol({ downwardAPI: { items: [{ path: "x", fieldRef: { fieldPath: "spec.nodeName" } }] } }));
add("volume", "downward-no-source", deploy, vol({ downwardAPI: { items: [{ path: "x" }] } }));
add("volume", "downward-resource-nocontainer", deploy, vol({ downwardAPI: { items: [{ path: "x", resourceFieldRef: { resource: "limits.cpu" } }] } }));
add("volume", "downward-resource-valid", deploy, vol({ downwardAPI: { items: [{ path: "x", resourceFieldRef: { containerName: "web", resource: "limits.cpu" } }] } }));
// LimitRange
const lr = (limits: Json[]) => (): Json => ({ apiVersion: "v1", kind: "LimitRange", metadata: { name: "lr", namespace: "shop" }, spec: { limits } });
const addLr = (name: string, limits: Json[]): void => add("limitrange", name, lr(limits), () => {});
addLr("valid", [{ type: "Container", default: { cpu: "500m" }, defaultRequest: { cpu: "100m" }, max: { cpu: "2" }, min: { cpu: "50m" } }]);
addLr("type-bogus", [{ type: "Bogus", max: { cpu: "2" } }]);
addLr("min-gt-max", [{ type: "Container", min: { cpu: "2" }, max: { cpu: "1" } }]);
addLr("default-gt-max", [{ type: "Container", default: { cpu: "3" }, max: { cpu: "2" } }]);
addLr("default-lt-min", [{ type: "Container", default: { cpu: "10m" }, min: { cpu: "50m" } }]);
addLr("defreq-gt-default", [{ type: "Container", default: { cpu: "100m" }, defaultRequest: { cpu: "200m" } }]);
addLr("defreq-gt-max", [{ type: "Container", defaultRequest: { cpu: "3" }, max: { cpu: "2" } }]);
addLr("pod-default", [{ type: "Pod", default: { cpu: "1" } }]);
addLr("pod-valid", [{ type: "Pod", max: { cpu: "4" } }]);
addLr("ratio-lt-1", [{ type: "Container", maxLimitRequestRatio: { cpu: "0.5" } }]);
addLr("ratio-valid", [{ type: "Container", maxLimitRequestRatio: { cpu: "2" } }]);
addLr("ratio-gt-maxmin", [{ type: "Container", maxLimitRequestRatio: { cpu: "10" }, max: { cpu: "1" }, min: { cpu: "500m" } }]);
addLr("pvc-valid", [{ type: "PersistentVolumeClaim", max: { storage: "10Gi" }, min: { storage: "1Gi" } }]);
addLr("pvc-nothing", [{ type: "PersistentVolumeClaim" }]);
addLr("pvc-default", [{ type: "PersistentVolumeClaim", default: { storage: "1Gi" }, max: { storage: "10Gi" } }]);
addLr("resource-bad", [{ type: "Container", max: { "bad name!": "1" } }]);
addLr("negative", [{ type: "Container", max: { cpu: "-1" } }]);
addLr("dup-type", [{ type: "Container", max: { cpu: "1" } }, { type: "Container", max: { memory: "1Gi" } }]);
// ResourceQuota
const rq = (spec: Json) => (): Json => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q", namespace: "shop" }, spec });
const addRq = (name: string, spec: Json): void => add("quota", name, rq(spec), () => {});
addRq("valid", { hard: { pods: "10", "requests.cpu": "4" } });
addRq("negative", { hard: { pods: "-1" } });
addRq("resource-bad", { hard: { "bad name!": "1" } });
addRq("scope-bogus", { hard: { pods: "10" }, scopes: ["Bogus"] });
addRq("scope-conflict", { hard: { pods: "10" }, scopes: ["Terminating", "NotTerminating"] });
addRq("scope-besteffort-cpu", { hard: { cpu: "1" }, scopes: ["BestEffort"] });
addRq("scope-besteffort-pods", { hard: { pods: "5" }, scopes: ["BestEffort"] });
addRq("scope-besteffort-notbe", { hard: { pods: "5" }, scopes: ["BestEffort", "NotBestEffort"] });
addRq("selector-valid", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] } });
addRq("selector-in-novalues", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In" }] } });
addRq("selector-exists-values", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "Exists", values: ["x"] }] } });
addRq("selector-scope-bogus", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "Bogus", operator: "Exists" }] } });
addRq("selector-op-bogus", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "Bogus" }] } });
addRq("selector-terminating-in", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "Terminating", operator: "In", values: ["x"] }] } });
addRq("selector-terminating-exists", { hard: { pods: "5" }, scopeSelector: { matchExpressions: [{ scopeName: "Terminating", operator: "Exists" }] } });
addRq("crossns-valid", { hard: { pods: "5" }, scopes: ["CrossNamespacePodAffinity"] });
addRq("vac-valid", { hard: { "requests.storage": "5Gi" }, scopeSelector: { matchExpressions: [{ scopeName: "VolumeAttributesClass", operator: "In", values: ["gold"] }] } });
addRq("priority-scope-cpu", { hard: { cpu: "5" }, scopes: ["PriorityClass"] });
// StorageClass
const sc = (extra: Json) => (): Json => ({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "gp3" }, provisioner: "ebs.csi.aws.com", ...extra });
const addSc = (name: string, extra: Json): void => add("storageclass", name, sc(extra), () => {});
addSc("valid", { reclaimPolicy: "Delete", volumeBindingMode: "WaitForFirstConsumer", parameters: { type: "gp3" }, allowVolumeExpansion: true });
addSc("provisioner-empty", { provisioner: "" });
addSc("provisioner-bad", { provisioner: "Bad_Provisioner!" });
addSc("provisioner-long", { provisioner: "a".repeat(64) });
addSc("provisioner-slash", { provisioner: "kubernetes.io/aws-ebs" });
addSc("reclaim-bogus", { reclaimPolicy: "Bogus" });
addSc("reclaim-recycle", { reclaimPolicy: "Recycle" });
addSc("reclaim-retain", { reclaimPolicy: "Retain" });
addSc("binding-bogus", { volumeBindingMode: "Bogus" });
addSc("binding-immediate", { volumeBindingMode: "Immediate" });
addSc("param-empty-key", { parameters: { "": "x" } });
addSc("param-many", { parameters: Object.fromEntries(Array.from({ length: 513 }, (_, i: number) => [`p${i}`, "x"])) });
addSc("topology-empty-term", { volumeBindingMode: "WaitForFirstConsumer", allowedTopologies: [{ matchLabelExpressions: [] }] });
addSc("topology-dup-key", { volumeBindingMode: "WaitForFirstConsumer", allowedTopologies: [{ matchLabelExpressions: [{ key: "zone", values: ["a"] }, { key: "zone", values: ["b"] }] }] });
addSc("topology-no-values", { volumeBindingMode: "WaitForFirstConsumer", allowedTopologies: [{ matchLabelExpressions: [{ key: "zone", values: [] }] }] });
addSc("topology-valid", { volumeBindingMode: "WaitForFirstConsumer", allowedTopologies: [{ matchLabelExpressions: [{ key: "topology.ebs.csi.aws.com/zone", values: ["us-east-1a"] }] }] });
// PriorityClass
const pc = (name: string, extra: Json) => (): Json => ({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value: 1000, ...extra });
const addPc = (vname: string, name: string, extra: Json): void => add("priorityclass", vname, pc(name, extra), () => {});
addPc("valid", "high", {});
addPc("value-max", "high", { value: 1000000000 });
addPc("value-over", "high", { value: 1000000001 });
addPc("value-neg", "high", { value: -2147483648 });
addPc("system-name", "system-custom", {});
addPc("system-cluster-critical", "system-cluster-critical", { value: 2000000000 });
addPc("preemption-bogus", "high", { preemptionPolicy: "Bogus" });
addPc("preemption-never", "high", { preemptionPolicy: "Never" });
addPc("globaldefault", "high", { globalDefault: true });
addPc("name-bad", "High_Prio", {});
addPc("system-prefix-no-dash", "systemic", {});
// duplicates
add("duplicates", "containers-name", deploy, (o: Json) => { pod(o).containers.push({ name: "web", image: "nginx:1.27" }); });
add("duplicates", "ports-same", deploy, (o: Json) => { c0(o).ports.push({ containerPort: 80 }); });
add("duplicates", "ports-same-other-proto", deploy, (o: Json) => { c0(o).ports.push({ containerPort: 80, protocol: "UDP" }); });
add("duplicates", "ports-same-name", deploy, (o: Json) => { c0(o).ports.push({ containerPort: 81, name: "http" }); });
add("duplicates", "env-name", deploy, (o: Json) => { c0(o).env = [{ name: "A", value: "1" }, { name: "A", value: "2" }]; });
add("duplicates", "volumes-name", deploy, (o: Json) => { pod(o).volumes = [{ name: "v", emptyDir: {} }, { name: "v", emptyDir: {} }]; });
add("duplicates", "mounts-path", deploy, (o: Json) => { pod(o).volumes = [{ name: "v", emptyDir: {} }, { name: "w", emptyDir: {} }]; c0(o).volumeMounts = [{ name: "v", mountPath: "/d" }, { name: "w", mountPath: "/d" }]; });
add("duplicates", "init-and-container-name", deploy, (o: Json) => { pod(o).initContainers = [{ name: "web", image: "busybox:1.37" }]; });
add("duplicates", "svc-ports", () => ({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { selector: { app: "web" }, ports: [{ name: "a", port: 80 }, { name: "b", port: 80 }] } }), () => {});
add("duplicates", "tolerations-same", deploy, (o: Json) => { pod(o).tolerations = [{ key: "a", operator: "Exists" }, { key: "a", operator: "Exists" }]; });
add("duplicates", "hostaliases-ip", deploy, (o: Json) => { pod(o).hostAliases = [{ ip: "10.0.0.1", hostnames: ["a"] }, { ip: "10.0.0.1", hostnames: ["b"] }]; });
add("duplicates", "imagepullsecrets", deploy, (o: Json) => { pod(o).imagePullSecrets = [{ name: "r" }, { name: "r" }]; });
// progressDeadlineSeconds
const dep = (f: (spec: Json) => void) => (o: Json): void => f(o.spec);
add("deadline", "minready-600-default", deploy, dep((s: Json) => { s.minReadySeconds = 600; }));
add("deadline", "minready-599-default", deploy, dep((s: Json) => { s.minReadySeconds = 599; }));
add("deadline", "minready-700-default", deploy, dep((s: Json) => { s.minReadySeconds = 700; }));
add("deadline", "pds-30-minready-30", deploy, dep((s: Json) => { s.minReadySeconds = 30; s.progressDeadlineSeconds = 30; }));
add("deadline", "pds-31-minready-30", deploy, dep((s: Json) => { s.minReadySeconds = 30; s.progressDeadlineSeconds = 31; }));
add("deadline", "pds-0", deploy, dep((s: Json) => { s.progressDeadlineSeconds = 0; }));
add("deadline", "minready-neg", deploy, dep((s: Json) => { s.minReadySeconds = -1; }));
add("deadline", "pds-10-minready-20", deploy, dep((s: Json) => { s.minReadySeconds = 20; s.progressDeadlineSeconds = 10; }));
add("deadline", "pds-max", deploy, dep((s: Json) => { s.progressDeadlineSeconds = 2147483647; s.minReadySeconds = 1000; }));
add("deadline", "rs-minready-700", () => ({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web", namespace: "shop" }, spec: clone(deploy().spec) }), (o: Json) => { o.spec.minReadySeconds = 700; });
add("deadline", "ss-minready-700", () => ({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web", namespace: "shop" }, spec: { ...clone(deploy().spec), serviceName: "web" } }), (o: Json) => { o.spec.minReadySeconds = 700; });

const directory = mkdtempSync(join(tmpdir(), "slipway-agreement-"));
const files = variants.map((variant, index) => {
  const file = join(directory, `${String(index).padStart(3, "0")}-${variant.area}-${variant.name}.yaml`);
  writeFileSync(file, `${JSON.stringify(variant.object, null, 1)}\n`);
  return file;
});
spawnSync(kubectl, [...kubectlFlags, "create", "namespace", "shop"], { encoding: "utf8" });
const result = await checkManifests([directory], { kustomize: false, kubernetesVersion: "1.35", enable: ["schema", "api-validation"] });
const messagesOf = new Map<string, string[]>();
for (const finding of result.findings) {
  if (finding.severity !== "error") continue;
  const name = finding.file.split("/").pop() ?? finding.file;
  messagesOf.set(name, [...(messagesOf.get(name) ?? []), finding.message]);
}
const areas = new Map<string, { variants: number; agreed: number }>();
let agreed = 0;
let refused = 0;
let exact = 0;
let mergeOnly = 0;
variants.forEach((variant, index) => {
  const file = files[index] as string;
  const name = file.split("/").pop() as string;
  let run = spawnSync(kubectl, [...kubectlFlags, "apply", "--server-side", "--dry-run=server", "-f", file], { encoding: "utf8" });
  let output = `${run.stdout}${run.stderr}`.trim();
  const mine = (messagesOf.get(name) ?? []).slice().sort();
  if (run.status !== 0 && output.includes("failed to create typed patch object")) {
    // Server-side apply's merge refuses duplicate list-map keys before validation runs: validation's verdict is a plain create's.
    const merge = output;
    run = spawnSync(kubectl, [...kubectlFlags, "create", "--dry-run=server", "-f", file], { encoding: "utf8" });
    output = `${run.stdout}${run.stderr}`.trim();
    if (run.status === 0) {
      mergeOnly++;
      console.log(`merge-only ${name}: ${merge}${mine.length > 0 ? `\n  slipway: ${mine.join("\n  slipway: ")}` : ""}`);
      return;
    }
  }
  const area = areas.get(variant.area) ?? { variants: 0, agreed: 0 };
  areas.set(variant.area, area);
  area.variants++;
  const same = (run.status !== 0) === mine.length > 0;
  if (same) {
    agreed++;
    area.agreed++;
  } else {
    console.log(`DISAGREE ${name}: server ${run.status === 0 ? "admitted" : "refused"}: ${output}\n  slipway: ${mine.join("\n  slipway: ") || "(nothing)"}`);
  }
  if (run.status !== 0) {
    refused++;
    const body = output.replace(/^.*? is invalid: /s, "");
    const theirs = (body.includes("\n* ") ? body.split("\n").filter((line) => line.startsWith("* ")).map((line) => line.slice(2)) : [body]).sort();
    if (JSON.stringify(theirs) === JSON.stringify(mine)) exact++;
    else if (same) console.log(`MESSAGES ${name}:\n  server:  ${theirs.join("\n  server:  ")}\n  slipway: ${mine.join("\n  slipway: ")}`);
  }
});
rmSync(directory, { recursive: true, force: true });
for (const [area, counts] of areas) console.log(`${area.padEnd(14)} ${counts.agreed}/${counts.variants}`);
console.log(`verdicts agree on ${agreed} of ${variants.length - mergeOnly} variants (${mergeOnly} refused by server-side apply's merge only, apart); messages identical on ${exact} of ${refused} refused`);
process.exit(agreed === variants.length - mergeOnly ? 0 : 1);
