import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { objectProblems, refusedObjects } from "../../../src/check/schema/api-validation.js";
import type { SourceObject } from "../../../src/check/finding.js";

type Json = Record<string, unknown>;

/** A valid Deployment: each case below tweaks one thing of it. */
function deployment(change: (spec: Json, pod: Json, container: Json, metadata: Json) => void = () => {}): { apiVersion: string; kind: string; document: Json } {
  const container: Json = { name: "api", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }], volumeMounts: [{ name: "tmp", mountPath: "/tmp" }] };
  const pod: Json = { containers: [container], volumes: [{ name: "tmp", emptyDir: {} }] };
  const metadata: Json = { name: "api", namespace: "shop", labels: { app: "api" } };
  const spec: Json = { selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api", tier: "web" } }, spec: pod } };
  change(spec, pod, container, metadata);
  return { apiVersion: "apps/v1", kind: "Deployment", document: { apiVersion: "apps/v1", kind: "Deployment", metadata, spec } };
}

function service(spec: Json, name = "api"): { apiVersion: string; kind: string; document: Json } {
  return { apiVersion: "v1", kind: "Service", document: { apiVersion: "v1", kind: "Service", metadata: { name }, spec } };
}

function messages(object: { apiVersion: string; kind: string; document: Json }): string[] {
  return objectProblems(object).map((problem) => problem.message);
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("the API server's validation beyond the schema", () => {
  it("GIVEN a valid Deployment WHEN validated THEN nothing is found", () => {
    expect(messages(deployment())).toEqual([]);
  });

  it.each([
    ["an upper-case name", deployment((_s, _p, _c, metadata) => (metadata.name = "Api_Server")), [`metadata.name: Invalid value: "Api_Server": ${SUBDOMAIN}`]],
    ["a name of 254 characters", deployment((_s, _p, _c, metadata) => (metadata.name = "a".repeat(254))), [`metadata.name: Invalid value: "${"a".repeat(254)}": must be no more than 253 characters`]],
    ["no name", deployment((_s, _p, _c, metadata) => delete metadata.name), ["metadata.name: Required value: name or generateName is required"]],
    ["a generateName instead of a name", deployment((_s, _p, _c, metadata) => ((metadata.generateName = "api-"), delete metadata.name)), []],
    // kubectl create --dry-run=server on kube-apiserver v1.35.4 (server-side apply refuses it earlier, as a duplicate list-map key).
    [
      "two spread constraints on one topology key and action",
      deployment((_s, pod) => (pod.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" }, { maxSkew: 2, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" }, { maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway" }])),
      ['spec.template.spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"'],
    ],
    ["a namespace with a dot", deployment((_s, _p, _c, metadata) => (metadata.namespace = "shop.eu")), ['metadata.namespace: Invalid value: "shop.eu": must not contain dots']],
    ["a label value with a space", deployment((_s, _p, _c, metadata) => (metadata.labels = { app: "my api" })), [`metadata.labels: Invalid value: "my api": ${LABEL_VALUE}`]],
    ["a label value of 64 characters", deployment((_s, _p, _c, metadata) => (metadata.labels = { app: "a".repeat(64) })), [`metadata.labels: Invalid value: "${"a".repeat(64)}": must be no more than 63 bytes`]],
    // ValidatePodTemplateSpec judges a template's labels and annotations at spec.template.labels and .annotations (no "metadata").
    ["a template label value with a '!'", deployment((spec) => (spec.template = { metadata: { labels: { app: "api", tier: "web", extra: "bad value!" } }, spec: (spec.template as Json).spec })), [`spec.template.labels: Invalid value: "bad value!": ${LABEL_VALUE}`]],
    ["a template annotation key with a space", deployment((spec) => (spec.template = { metadata: { labels: { app: "api", tier: "web" }, annotations: { "a b": "x" } }, spec: (spec.template as Json).spec })), [expect.stringMatching(/^spec\.template\.annotations: Invalid value: "a b": name part must consist of/)]],
    ["a label key with two slashes", deployment((_s, _p, _c, metadata) => (metadata.labels = { "a/b/c": "x" })), [expect.stringMatching(/^metadata\.labels: Invalid value: "a\/b\/c": a qualified name must consist of/)]],
    ["a label key with an upper-case prefix", deployment((_s, _p, _c, metadata) => (metadata.labels = { "Example.com/app": "x" })), [expect.stringMatching(/^metadata\.labels: Invalid value: "Example\.com\/app": prefix part a lowercase RFC 1123 subdomain/)]],
    ["an annotation key with an upper-case prefix (upstream lower-cases it first)", deployment((_s, _p, _c, metadata) => (metadata.annotations = { "Example.com/note": "x" })), []],
    ["an annotation key with a space", deployment((_s, _p, _c, metadata) => (metadata.annotations = { "my note": "x" })), [expect.stringMatching(/^metadata\.annotations: Invalid value: "my note": name part must consist of/)]],
    ["annotations over 256 KiB", deployment((_s, _p, _c, metadata) => (metadata.annotations = { note: "x".repeat(262144) })), ["metadata.annotations: Too long: may not be more than 262144 bytes (the annotations have 262148)"]],
  ])("GIVEN metadata with %s WHEN validated THEN %j", (_case, object, expected) => {
    expect(messages(object)).toEqual(expected);
  });

  it.each([
    ["a selector the template's labels do not match", deployment((spec) => (spec.selector = { matchLabels: { app: "web" } })), ['spec.template.metadata.labels: Invalid value: {"app":"api","tier":"web"}: `selector` does not match template `labels`']],
    ["a matchExpressions selector the labels meet", deployment((spec) => (spec.selector = { matchExpressions: [{ key: "tier", operator: "In", values: ["web", "db"] }] })), []],
    ["a NotIn selector the labels break", deployment((spec) => (spec.selector = { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] })), ['spec.template.metadata.labels: Invalid value: {"app":"api","tier":"web"}: `selector` does not match template `labels`']],
    ["an empty selector", deployment((spec) => (spec.selector = {})), ["spec.selector: Invalid value: {}: empty selector is invalid for deployment"]],
    ["In without values", deployment((spec) => (spec.selector = { matchLabels: { app: "api" }, matchExpressions: [{ key: "tier", operator: "In", values: [] }] })), [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.template.metadata.labels: Invalid value: {"app":"api","tier":"web"}: `selector` does not match template `labels`',
    ]],
    ["Exists with values", deployment((spec) => (spec.selector = { matchExpressions: [{ key: "app", operator: "Exists", values: ["api"] }] })), ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    ["an unknown operator", deployment((spec) => (spec.selector = { matchExpressions: [{ key: "app", operator: "Equals", values: ["api"] }] })), ['spec.selector.matchExpressions[0].operator: Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist"']],
  ])("GIVEN a Deployment with %s WHEN validated THEN %j", (_case, object, expected) => {
    expect(messages(object)).toEqual(expected);
  });

  it.each([
    ["no containers", deployment((_s, pod) => (pod.containers = [])), ["spec.template.spec.containers: Required value"]],
    // The init container is the duplicate: upstream validates the containers first (kube-apiserver v1.35.4).
    ["two containers named alike (an init container included)", deployment((_s, pod, container) => (pod.initContainers = [{ ...container, ports: [] }])), ['spec.template.spec.initContainers[0].name: Duplicate value: "api"']],
    ["an upper-case container name", deployment((_s, _p, container) => (container.name = "API")), [expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.name: Invalid value: "API": a lowercase RFC 1123 label/)]],
    ["a container without image", deployment((_s, _p, container) => delete container.image), ["spec.template.spec.containers[0].image: Required value"]],
    ["an unknown imagePullPolicy", deployment((_s, _p, container) => (container.imagePullPolicy = "Sometimes")), ['spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
    ["a port name of 16 characters", deployment((_s, _p, container) => (container.ports = [{ name: "http-metrics-abc", containerPort: 80 }])), ['spec.template.spec.containers[0].ports[0].name: Invalid value: "http-metrics-abc": must be no more than 15 characters']],
    ["two ports named alike", deployment((_s, _p, container) => (container.ports = [{ name: "http", containerPort: 80 }, { name: "http", containerPort: 81 }])), ['spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"']],
    ["the same port number twice (a warning upstream, not an error)", deployment((_s, _p, container) => (container.ports = [{ containerPort: 80 }, { containerPort: 80 }])), []],
    ["port 70000 and protocol HTTP", deployment((_s, _p, container) => (container.ports = [{ containerPort: 70000, protocol: "HTTP" }])), [
      "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]],
    ["a mount of a volume the pod lacks", deployment((_s, _p, container) => (container.volumeMounts = [{ name: "cache", mountPath: "/cache" }])), ['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "cache"']],
    ["two volumes named alike", deployment((_s, pod) => (pod.volumes = [{ name: "tmp", emptyDir: {} }, { name: "tmp", emptyDir: {} }])), ['spec.template.spec.volumes[1].name: Duplicate value: "tmp"']],
    ["restartPolicy Never", deployment((_s, pod) => (pod.restartPolicy = "Never")), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ["dnsPolicy ClusterLast", deployment((_s, pod) => (pod.dnsPolicy = "ClusterLast")), ['spec.template.spec.dnsPolicy: Unsupported value: "ClusterLast": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ["fields of the wrong type (the schema's business)", deployment((spec, pod, container) => ((spec.selector = "app=api"), (pod.volumes = "tmp"), (container.ports = 8080))), []],
  ])("GIVEN a pod template with %s WHEN validated THEN %j", (_case, object, expected) => {
    expect(messages(object)).toEqual(expected);
  });

  it("GIVEN a StatefulSet mounting its volumeClaimTemplate WHEN validated THEN the claim counts as a volume", () => {
    const object = deployment((spec, _pod, container) => {
      spec.volumeClaimTemplates = [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }];
      container.volumeMounts = [{ name: "data", mountPath: "/data" }];
    });
    expect(messages({ ...object, kind: "StatefulSet", document: { ...object.document, kind: "StatefulSet" } })).toEqual([]);
  });

  it.each([
    ["a Job whose pods restart always", { apiVersion: "batch/v1", kind: "Job", document: { metadata: { name: "once" }, spec: { template: { spec: { restartPolicy: "Always", containers: [{ name: "a", image: "busybox" }] } } } } }, ['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']],
    ["a CronJob named with 53 characters", { apiVersion: "batch/v1", kind: "CronJob", document: { metadata: { name: "c".repeat(53) }, spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "a", image: "busybox" }] } } } } } } }, [`metadata.name: Invalid value: "${"c".repeat(53)}": must be no more than 52 characters`]],
    ["a Pod whose image has a trailing space", { apiVersion: "v1", kind: "Pod", document: { metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "busybox " }] } } }, ['spec.containers[0].image: Invalid value: "busybox ": must not have leading or trailing whitespace']],
    ["a Namespace with a dot", { apiVersion: "v1", kind: "Namespace", document: { metadata: { name: "team.a" } } }, ['metadata.name: Invalid value: "team.a": must not contain dots']],
    ["a ClusterRole named with colons (RBAC names are path segments)", { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", document: { metadata: { name: "system:controller:Foo" } } }, []],
    ["a ClusterRole named with a slash", { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", document: { metadata: { name: "a/b" } } }, ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]],
    ["a CRD not named plural.group", { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", document: { metadata: { name: "widgets.example.org" }, spec: { group: "example.com", names: { plural: "widgets" } } } }, ['metadata.name: Invalid value: "widgets.example.org": must be spec.names.plural+"."+spec.group']],
    ["a custom resource with an upper-case name", { apiVersion: "example.com/v1", kind: "Widget", document: { metadata: { name: "Widget1" } } }, [`metadata.name: Invalid value: "Widget1": ${SUBDOMAIN}`]],
    ["a PodDisruptionBudget with minAvailable 150%", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", document: { metadata: { name: "p" }, spec: { minAvailable: "150%" } } }, ['spec.minAvailable: Invalid value: "150%": must not be greater than 100%']],
    ["a PodDisruptionBudget with maxUnavailable -1", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", document: { metadata: { name: "p" }, spec: { maxUnavailable: -1 } } }, ["spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"]],
    ["a PodDisruptionBudget with minAvailable 100%", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", document: { metadata: { name: "p" }, spec: { minAvailable: "100%" } } }, []],
    ["a PodDisruptionBudget with minAvailable and maxUnavailable", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", document: { metadata: { name: "p" }, spec: { minAvailable: 1, maxUnavailable: "10%" } } }, ["spec: Invalid value: minAvailable and maxUnavailable cannot be both set"]],
    ["an HPA with maxReplicas below minReplicas", { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", document: { metadata: { name: "h" }, spec: { minReplicas: 5, maxReplicas: 2 } } }, ["spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"]],
    ["an HPA with minReplicas 0", { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", document: { metadata: { name: "h" }, spec: { minReplicas: 0, maxReplicas: 2 } } }, ["spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"]],
    ["a ConfigMap key with a slash and one starting with '..'", { apiVersion: "v1", kind: "ConfigMap", document: { metadata: { name: "c" }, data: { "conf/app.yaml": "x", "..data": "y", "app.properties": "z" } } }, [
      "data[conf/app.yaml]: Invalid value: \"conf/app.yaml\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      "data[..data]: Invalid value: \"..data\": must not start with '..'",
    ]],
    ["a ConfigMap key in data and binaryData", { apiVersion: "v1", kind: "ConfigMap", document: { metadata: { name: "c" }, data: { a: "x" }, binaryData: { a: "eA==" } } }, ['data[a]: Invalid value: "a": duplicate of key present in binaryData']],
    ["a networking.k8s.io/v1beta1 Ingress path without pathType (v1beta1 defaulted it)", { apiVersion: "networking.k8s.io/v1beta1", kind: "Ingress", document: { metadata: { name: "i" }, spec: { rules: [{ http: { paths: [{ path: "/a" }] } }] } } }, []],
    ["a Secret stringData key with a space", { apiVersion: "v1", kind: "Secret", document: { metadata: { name: "s" }, stringData: { "api key": "x" } } }, [expect.stringMatching(/^stringData\[api key\]: Invalid value: "api key": a valid config key must consist/)]],
    ["Ingress paths: no pathType, an unknown one, a relative path, '//' and a '/.' end", { apiVersion: "networking.k8s.io/v1", kind: "Ingress", document: { metadata: { name: "i" }, spec: { rules: [{ http: { paths: [{ path: "/a" }, { path: "/b", pathType: "Regex" }, { path: "api", pathType: "Prefix" }, { path: "/a//b", pathType: "Exact" }, { path: "/a/.", pathType: "Prefix" }, { path: "/ok", pathType: "ImplementationSpecific" }] } }] } } }, [
      "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
      'spec.rules[0].http.paths[1].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      'spec.rules[0].http.paths[2].path: Invalid value: "api": must be an absolute path',
      "spec.rules[0].http.paths[3].path: Invalid value: \"/a//b\": must not contain '//'",
      "spec.rules[0].http.paths[4].path: Invalid value: \"/a/.\": cannot end with '/.'",
    ]],
    ["an Argo Rollout (its controller validates it, not the API server)", { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", document: { metadata: { name: "r" }, spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels: { app: "y" } }, spec: { containers: [] } } } } }, []],
  ])("GIVEN %s WHEN validated THEN %j", (_case, object, expected) => {
    expect(messages(object as { apiVersion: string; kind: string; document: Json })).toEqual(expected);
  });

  it.each([
    ["a valid Service", service({ selector: { app: "api" }, ports: [{ name: "http", port: 80, targetPort: "http" }, { name: "metrics", port: 9090 }] }), []],
    ["an unknown type", service({ type: "Internal", ports: [{ port: 80 }] }), ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ["no ports", service({ selector: { app: "api" } }), ["spec.ports: Required value"]],
    ["no ports but headless", service({ clusterIP: "None", selector: { app: "api" } }), []],
    ["ExternalName without externalName", service({ type: "ExternalName" }), ["spec.externalName: Required value"]],
    ["two unnamed ports, the same twice", service({ ports: [{ port: 80 }, { port: 80 }] }), ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value", 'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}']],
    ["the same port over TCP and UDP", service({ ports: [{ name: "dns", port: 53 }, { name: "dns-udp", port: 53, protocol: "UDP" }] }), []],
    ["two ports named alike", service({ ports: [{ name: "http", port: 80 }, { name: "http", port: 81 }] }), ['spec.ports[1].name: Duplicate value: "http"']],
    ["a targetPort written as a string of digits (a name to upstream, which needs a letter)", service({ ports: [{ port: 80, targetPort: "8080" }] }), ['spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)']],
    ["a targetPort name with upper case", service({ ports: [{ port: 80, targetPort: "HTTP" }] }), ['spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)']],
    // SetDefaults_Service: a targetPort of 0 (or "") becomes the port.
    ["a targetPort of 0 (defaulted to the port)", service({ ports: [{ port: 80, targetPort: 0 }] }), []],
    ["a targetPort above 65535", service({ ports: [{ port: 80, targetPort: 70000 }] }), ["spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]],
    ["a nodePort on a ClusterIP Service", service({ ports: [{ port: 80, nodePort: 30080 }] }), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ["a nodePort on a NodePort Service", service({ type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }), []],
    ["a name starting with a digit (Services are DNS-1035 labels)", service({ ports: [{ port: 80 }] }, "1api"), [expect.stringMatching(/^metadata\.name: Invalid value: "1api": a DNS-1035 label must consist of/)]],
  ])("GIVEN %s WHEN validated THEN %j", (_case, object, expected) => {
    expect(messages(object)).toEqual(expected);
  });
});

describe("refusedObjects", () => {
  it("GIVEN an object whose fields throw when read WHEN validated THEN a finding about that object, and the next object is still judged", () => {
    const hostile = { metadata: { name: "ok" } } as Record<string, unknown>;
    Object.defineProperty(hostile, "spec", { enumerable: true, get: () => { throw new Error("boom"); } });
    const objects = [
      { document: hostile, apiVersion: "v1", kind: "Service", name: "ok", file: "a.yaml", documentIndex: 0, line: 1 },
      { document: { metadata: { name: "Bad" } }, apiVersion: "v1", kind: "ConfigMap", name: "Bad", file: "a.yaml", documentIndex: 1, line: 5 },
    ] satisfies SourceObject[];
    expect(refusedObjects(objects, () => false).map(({ object, problems }) => `${object.name}: ${problems.map((problem) => problem.message.slice(0, 60)).join(" / ")}`)).toEqual([
      "ok: the API server's validation could not be evaluated on this o",
      'Bad: metadata.name: Invalid value: "Bad": a lowercase RFC 1123 su',
    ]);
  });
});

describe("api-validation findings in slipway check", () => {
  const root = mkdtempSync(join(tmpdir(), "slipway-api-validation-"));
  writeFileSync(
    join(root, "m.yaml"),
    [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "spec:",
      "  selector:",
      "    matchLabels: {app: web}",
      "  template:",
      "    metadata:",
      "      labels: {app: web}",
      "    spec:",
      "      containers:",
      "        - name: web",
      "          image: nginx:1.27",
      "          imagePullPolicy: Sometimes",
      "---",
      "apiVersion: kubescheduler.config.k8s.io/v1",
      "kind: KubeSchedulerConfiguration",
      "profiles: []",
      "",
    ].join("\n"),
  );

  it("GIVEN an invalid field WHEN checked THEN an error at the field's line; a kind nothing serves gets unknown-kind only", async () => {
    const result = await checkManifests(["m.yaml"], { cwd: root, enable: ["schema"] });
    expect(result.findings.map((finding) => `${finding.line} ${finding.ruleId} ${finding.object ?? ""}`)).toEqual([
      "15 api-validation Deployment web",
      "17 unknown-kind KubeSchedulerConfiguration ",
    ]);
    expect(result.failed).toBe(true);
  });

  it("GIVEN --disable api-validation WHEN checked THEN the finding is gone", async () => {
    const result = await checkManifests(["m.yaml"], { cwd: root, enable: ["schema"], disable: ["api-validation"] });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["unknown-kind"]);
  });
});
