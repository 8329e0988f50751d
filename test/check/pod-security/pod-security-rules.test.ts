import { describe, expect, it } from "vitest";
import type { SourceObject } from "../../../src/check/finding.js";
import { parseSource } from "../../../src/check/load/parse-source.js";
import { createPodSecurityRules, violationPath } from "../../../src/check/pod-security/pod-security-rules.js";
import { POD_SECURITY_RULES } from "../../../src/check/pod-security/index.js";
import type { CheckContext } from "../../../src/check/rule.js";

const RESTRICTED_POD_SPEC = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  containers: [{ name: "api", image: "api:1", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } }, ports: [{ containerPort: 8080, hostPort: 8080 }] }],
};

let line = 1;
function source(apiVersion: string, kind: string, name: string, document: Record<string, unknown>, namespace?: string): SourceObject {
  const metadata = { name, ...(namespace ? { namespace } : {}), ...((document.metadata as object) ?? {}) };
  return { document: { apiVersion, kind, ...document, metadata }, apiVersion, kind, name, namespace, file: "app.yaml", documentIndex: line - 1, line: line++ };
}

function namespace(name: string, labels: Record<string, string>): SourceObject {
  return source("v1", "Namespace", name, { metadata: { labels } });
}

function deployment(name: string, ns: string | undefined, spec: unknown = RESTRICTED_POD_SPEC): SourceObject {
  return source("apps/v1", "Deployment", name, { spec: { template: { metadata: { labels: { app: name } }, spec } } }, ns);
}

function context(objects: SourceObject[], kubernetesVersion = "1.35"): CheckContext {
  return { objects, kubernetesVersion, customResourceKinds: new Set() };
}

function run(objects: SourceObject[], rules = POD_SECURITY_RULES, kubernetesVersion?: string) {
  const checkContext = context(objects, kubernetesVersion);
  return rules.flatMap((rule) => rule.check(checkContext)).map(({ ruleId, severity, object, message, line: at }) => ({ ruleId, severity, object, message, line: at }));
}

describe("POD_SECURITY_RULES", () => {
  it("GIVEN the rules WHEN listed THEN one per upstream check, documented, in the pod-security category", () => {
    expect(POD_SECURITY_RULES.map((rule) => rule.id)).toContain("pod-security/hostPorts");
    expect(POD_SECURITY_RULES).toHaveLength(19);
    for (const rule of POD_SECURITY_RULES) {
      expect(rule.id).toMatch(/^pod-security\/[A-Za-z_]+$/);
      expect(rule.category).toBe("pod-security");
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.remediation.length).toBeGreaterThan(10);
    }
  });

  it("GIVEN a Deployment with a host port in a restricted namespace WHEN checked THEN an error worded like the API server's", () => {
    line = 1;
    const findings = run([namespace("team-a", { "pod-security.kubernetes.io/enforce": "restricted" }), deployment("api", "team-a")]);
    expect(findings).toEqual([
      {
        ruleId: "pod-security/hostPorts",
        severity: "error",
        object: "Deployment team-a/api",
        line: 2,
        message: 'violates PodSecurity "restricted:latest": hostPort (container "api" uses hostPort 8080)',
      },
    ]);
  });

  it("GIVEN the namespace is not in the input WHEN checked THEN restricted:latest is assumed, and the finding is a warning that says so", () => {
    line = 1;
    expect(run([deployment("api", "team-b")]).map(({ severity, message }) => `${severity} ${message}`)).toEqual([
      'warning would violate PodSecurity "restricted:latest": hostPort (container "api" uses hostPort 8080); namespace "team-b" is not in the input, so restricted:latest was assumed',
    ]);
    expect(run([deployment("api", undefined)]).map(({ severity, message }) => `${severity} ${message}`)).toEqual([
      'warning would violate PodSecurity "restricted:latest": hostPort (container "api" uses hostPort 8080); the object names no namespace, so restricted:latest was assumed',
    ]);
    // The same pod in a namespace of the input that enforces restricted: the API server would reject it.
    expect(run([namespace("team-b", { "pod-security.kubernetes.io/enforce": "restricted" }), deployment("api", "team-b")]).map(({ severity }) => severity)).toContain("error");
  });

  it("GIVEN a configured assumption WHEN the namespace is missing THEN that policy is used", () => {
    line = 1;
    const rules = createPodSecurityRules({ assumedPolicy: { level: "baseline", version: 30 } });
    expect(run([deployment("api", "team-b", { containers: [{ name: "api", securityContext: { privileged: true } }] })], rules).map((finding) => finding.message)).toEqual([
      'would violate PodSecurity "baseline:v1.30": privileged (container "api" must not set securityContext.privileged=true); namespace "team-b" is not in the input, so baseline:v1.30 was assumed',
    ]);
  });

  it("GIVEN enforce baseline and warn restricted WHEN checked THEN baseline violations are errors and restricted ones warnings", () => {
    line = 1;
    const ns = namespace("team-a", { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/warn-version": "v1.30" });
    const spec = { containers: [{ name: "api", ports: [{ containerPort: 80, hostPort: 80 }] }] };
    expect(run([ns, deployment("api", "team-a", spec)]).map(({ ruleId, severity, message }) => ({ ruleId, severity, message }))).toEqual([
      { ruleId: "pod-security/allowPrivilegeEscalation", severity: "warning", message: 'would violate PodSecurity "restricted:v1.30": allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false)' },
      { ruleId: "pod-security/capabilities_restricted", severity: "warning", message: 'would violate PodSecurity "restricted:v1.30": unrestricted capabilities (container "api" must set securityContext.capabilities.drop=["ALL"])' },
      { ruleId: "pod-security/hostPorts", severity: "error", message: 'violates PodSecurity "baseline:latest": hostPort (container "api" uses hostPort 80)' },
      { ruleId: "pod-security/runAsNonRoot", severity: "warning", message: 'would violate PodSecurity "restricted:v1.30": runAsNonRoot != true (pod or container "api" must set securityContext.runAsNonRoot=true)' },
      { ruleId: "pod-security/seccompProfile_restricted", severity: "warning", message: 'would violate PodSecurity "restricted:v1.30": seccompProfile (pod or container "api" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' },
    ]);
  });

  it("GIVEN an audit level only WHEN checked THEN its violations are warnings", () => {
    line = 1;
    const ns = namespace("team-a", { "pod-security.kubernetes.io/audit": "baseline" });
    expect(run([ns, deployment("api", "team-a")]).map(({ severity, message }) => `${severity} ${message}`)).toEqual([
      'warning would violate PodSecurity "baseline:latest": hostPort (container "api" uses hostPort 8080)',
    ]);
  });

  it("GIVEN a namespace in the input without labels WHEN checked THEN the cluster default (privileged) applies: no finding", () => {
    line = 1;
    expect(run([namespace("legacy", {}), deployment("api", "legacy", { hostNetwork: true, containers: [{ name: "a" }] })])).toEqual([]);
  });

  it("GIVEN invalid labels WHEN checked THEN enforce fails closed, and the finding says why", () => {
    line = 1;
    const findings = run([namespace("team-a", { "pod-security.kubernetes.io/enforce": "strict" }), deployment("api", "team-a")]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'violates PodSecurity "restricted:latest": hostPort (container "api" uses hostPort 8080); namespace "team-a" has invalid labels (pod-security.kubernetes.io/enforce="strict": must be one of privileged, baseline, restricted), evaluated as the API server does',
    ]);
  });

  const template = { metadata: {}, spec: RESTRICTED_POD_SPEC };
  it.each<[string, string, Record<string, unknown>]>([
    ["v1", "Pod", { spec: RESTRICTED_POD_SPEC }],
    ["v1", "PodTemplate", { template }],
    ["v1", "ReplicationController", { spec: { template } }],
    ["apps/v1", "Deployment", { spec: { template } }],
    ["apps/v1", "StatefulSet", { spec: { template } }],
    ["apps/v1", "DaemonSet", { spec: { template } }],
    ["apps/v1", "ReplicaSet", { spec: { template } }],
    ["batch/v1", "Job", { spec: { template } }],
    ["batch/v1", "CronJob", { spec: { jobTemplate: { spec: { template } } } }],
    ["argoproj.io/v1alpha1", "Rollout", { spec: { template } }],
  ])("GIVEN a %s %s with a host port WHEN checked THEN its pod is evaluated", (apiVersion, kind, document) => {
    line = 1;
    const findings = run([namespace("team-a", { "pod-security.kubernetes.io/enforce": "restricted" }), source(apiVersion, kind, "w", document, "team-a")]);
    expect(findings.map((finding) => `${finding.ruleId} ${finding.object}`)).toEqual([`pod-security/hostPorts ${kind} team-a/w`]);
  });

  it.each<[string, SourceObject]>([
    ["a Rollout with a workloadRef", source("argoproj.io/v1alpha1", "Rollout", "r", { spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" } } }, "team-a")],
    ["a Deployment whose spec is a string", source("apps/v1", "Deployment", "d", { spec: "oops" }, "team-a")],
    ["a Deployment whose containers are a map", deployment("d", "team-a", { containers: { api: {} } })],
    ["a ConfigMap", source("v1", "ConfigMap", "c", { data: { a: "b" } }, "team-a")],
  ])("GIVEN %s WHEN checked THEN no pod finding and no crash", (_name, object) => {
    const findings = run([namespace("team-a", { "pod-security.kubernetes.io/enforce": "baseline" }), object]);
    expect(findings).toEqual([]);
  });

  it("GIVEN a target Kubernetes 1.33 WHEN latest is enforced THEN the 1.34 probe-host check does not apply, as on that API server", () => {
    line = 1;
    const ns = namespace("team-a", { "pod-security.kubernetes.io/enforce": "baseline" });
    const spec = { containers: [{ name: "api", livenessProbe: { httpGet: { host: "example.com", port: 80 } } }] };
    expect(run([ns, deployment("api", "team-a", spec)], POD_SECURITY_RULES, "1.35").map((finding) => finding.message)).toEqual([
      'violates PodSecurity "baseline:latest": probe or lifecycle host (container "api" uses probe or lifecycle host "example.com")',
    ]);
    expect(run([ns, deployment("api", "team-a", spec)], POD_SECURITY_RULES, "1.33")).toEqual([]);
  });

  it("GIVEN a finding WHEN reported THEN it carries the file and the check's remediation", () => {
    line = 1;
    const [finding] = POD_SECURITY_RULES.find((rule) => rule.id === "pod-security/hostPorts")!.check(context([deployment("api", "team-x")]));
    expect(finding?.file).toBe("app.yaml");
    expect(finding?.fix).toBe("Remove hostPort from the container ports and expose the pod through a Service.");
  });
});

describe("where a violation points", () => {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  template:
    spec:
      containers:
        - name: ok
          image: ok:1
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        - name: web
          image: web:1
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          ports:
            - containerPort: 80
              hostPort: 80
      hostNetwork: true
`;
  it.each([
    // Line 13: the container the detail names; line 8: the pod's spec (hostNetwork is the pod's).
    { ruleId: "pod-security/hostPorts", line: 13 },
    { ruleId: "pod-security/hostNamespaces", line: 8 },
  ])("GIVEN a pod whose container $ruleId concerns WHEN checked THEN the finding is on that container's line, or the pod spec's", ({ ruleId, line: expected }) => {
    const parsed = parseSource(yaml, "app.yaml");
    const found = POD_SECURITY_RULES.filter((rule) => rule.id === ruleId).flatMap((rule) => rule.check(context(parsed.objects)));
    expect(found.map((finding) => finding.line)).toEqual([expected]);
  });

  it.each([
    { detail: 'container "web" must set securityContext.allowPrivilegeEscalation=false', path: ["spec", "template", "spec", "containers", 1] },
    { detail: 'pod or container "setup" must set securityContext.runAsNonRoot=true', path: ["spec", "template", "spec", "initContainers", 0] },
    { detail: 'containers "ok", "web" must set securityContext.allowPrivilegeEscalation=false', path: ["spec", "template", "spec"] },
    { detail: 'container "gone" uses hostPort 80', path: ["spec", "template", "spec"] },
    { detail: "hostNetwork=true", path: ["spec", "template", "spec"] },
  ])("GIVEN the detail $detail WHEN located THEN $path", ({ detail, path }) => {
    const template = { metadata: {}, spec: { initContainers: [{ name: "setup" }], containers: [{ name: "ok" }, { name: "web" }] }, specPath: "spec.template.spec", templatePath: ["spec", "template"], isPod: false };
    expect(violationPath(template, detail)).toEqual(path);
  });
});
