import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { LINT_RULES } from "../../../../src/check/rules/index.js";
import { resourceRequirementErrors } from "../../../../src/check/rules/best-practice/requests-exceed-limits.js";
import { contextFromYaml } from "../support/run-lint-rules.js";

const rule = LINT_RULES.find((candidate) => candidate.id === "best-practice/requests-exceed-limits")!;

/** Findings of the rule on one YAML stream, as `severity message | fix`. */
function findings(yaml: string): string[] {
  return rule.check(contextFromYaml(yaml)).map((finding) => `${finding.severity} ${finding.message} | ${finding.fix}`);
}

const podSpec = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ containers: [{ name: "api", image: "api:1.0.0", resources }], ...extra });

describe("best-practice/requests-exceed-limits: what the API server refuses", () => {
  it("GIVEN a Pod requesting 2 cpus under a limit of 1 WHEN checked THEN an error with the API server's own message", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "a" }, spec: podSpec({ requests: { cpu: "2" }, limits: { cpu: "1" } }) };
    expect(findings(stringify(pod))).toEqual([
      'error spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1 | container "api": lower resources.requests["cpu"] to at most 1, or raise resources.limits["cpu"] to at least 2',
    ]);
  });

  it.each([
    // kind, apiVersion, the object's spec around a pod spec, path of the pod spec
    ["Deployment", "apps/v1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
    ["StatefulSet", "apps/v1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
    ["DaemonSet", "apps/v1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
    ["ReplicaSet", "apps/v1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
    ["ReplicationController", "v1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
    ["Job", "batch/v1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
    ["CronJob", "batch/v1", (spec: object) => ({ schedule: "@daily", jobTemplate: { spec: { template: { spec } } } }), "spec.jobTemplate.spec.template.spec"],
    ["Rollout", "argoproj.io/v1alpha1", (spec: object) => ({ template: { spec } }), "spec.template.spec"],
  ] as const)("GIVEN a %s whose memory request exceeds its limit WHEN checked THEN the error names the field under its pod template", (kind, apiVersion, wrap, path) => {
    const object = { apiVersion, kind, metadata: { name: "w", namespace: "a" }, spec: wrap(podSpec({ requests: { memory: "2Gi" }, limits: { memory: "1024Mi" } })) };
    expect(findings(stringify(object)).map((line) => line.split(" | ")[0])).toEqual([`error ${path}.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi`]);
  });

  it("GIVEN a PodTemplate WHEN its template breaks the rule THEN it is reported too (the API server validates it alike)", () => {
    const object = { apiVersion: "v1", kind: "PodTemplate", metadata: { name: "t", namespace: "a" }, template: { spec: podSpec({ requests: { cpu: "1" }, limits: { cpu: "500m" } }) } };
    expect(findings(stringify(object)).map((line) => line.split(" | ")[0])).toEqual(['error template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m']);
  });

  it.each([
    // what, resources, findings (messages)
    ["equal amounts written differently", { requests: { cpu: "1000m", memory: "1Gi" }, limits: { cpu: "1", memory: "1024Mi" } }, []],
    ["requests below limits", { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } }, []],
    ["a request without a limit", { requests: { cpu: "64" } }, []],
    ["a limit without a request (the request defaults to it)", { limits: { cpu: "1" } }, []],
    ["numbers, as YAML reads `cpu: 2`", { requests: { cpu: 2 }, limits: { cpu: 1.5 } }, ['Invalid value: "2": must be less than or equal to cpu limit of 1500m']],
    ["a request written in millicores", { requests: { cpu: "2000m" }, limits: { cpu: "1" } }, ['Invalid value: "2": must be less than or equal to cpu limit of 1']],
    ["exponents", { requests: { memory: "1e9" }, limits: { memory: "5e8" } }, ['Invalid value: "1e9": must be less than or equal to memory limit of 500e6']],
    ["a difference below a nano unit (upstream rounds both up)", { requests: { cpu: "1.0000000001" }, limits: { cpu: "1.000000001" } }, []],
    ["two resources over, reported in name order", { requests: { memory: "2Gi", cpu: "2" }, limits: { memory: "1Gi", cpu: "1" } }, ['Invalid value: "2": must be less than or equal to cpu limit of 1', 'Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi']],
    ["ephemeral storage", { requests: { "ephemeral-storage": "2Gi" }, limits: { "ephemeral-storage": "1Gi" } }, ['Invalid value: "2Gi": must be less than or equal to ephemeral-storage limit of 1Gi']],
    ["a GPU request below its limit", { requests: { "nvidia.com/gpu": "1" }, limits: { "nvidia.com/gpu": "2" } }, ['Invalid value: "1": must be equal to nvidia.com/gpu limit of 2']],
    ["a GPU request equal to its limit", { requests: { "nvidia.com/gpu": "1" }, limits: { "nvidia.com/gpu": 1 } }, []],
    ["a GPU request without a limit", { requests: { "nvidia.com/gpu": "1" } }, ["limits: Required value: Limit must be set for non overcommitable resources"]],
    ["huge pages under a larger limit", { requests: { "hugepages-2Mi": "100Mi", memory: "1Gi" }, limits: { "hugepages-2Mi": "200Mi", memory: "1Gi" } }, ['Invalid value: "100Mi": must be equal to hugepages-2Mi limit of 200Mi']],
    ["a kubernetes.io/ resource (native: may be overcommitted)", { requests: { "example.kubernetes.io/widget": "1" }, limits: { "example.kubernetes.io/widget": "2" } }, []],
    ["values that are not quantities (the schema rule reports them)", { requests: { cpu: "lots" }, limits: { cpu: "1" } }, []],
    ["requests that are not a map", { requests: ["2"], limits: { cpu: "1" } }, []],
    ["a null resources", null, []],
  ] as const)("GIVEN %s WHEN checked THEN the findings are %j", (_what, resources, messages) => {
    const errors = resourceRequirementErrors(resources, "spec.containers[0].resources").map((error) => error.message);
    expect(errors.map((message) => message.replace(/^spec\.containers\[0\]\.resources\.(requests: )?/, ""))).toEqual(messages);
  });

  it("GIVEN init containers, a sidecar and pod-level resources WHEN each exceeds its limit THEN each is reported at its own path, on the line of the request at fault", () => {
    const spec = {
      resources: { requests: { cpu: "4" }, limits: { cpu: "2" } },
      initContainers: [
        { name: "migrate", image: "m:1", resources: { requests: { cpu: "3" }, limits: { cpu: "2" } } },
        { name: "proxy", image: "p:1", restartPolicy: "Always", resources: { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } } },
      ],
      containers: [{ name: "ok", image: "a:1", resources: { requests: { cpu: "1" }, limits: { cpu: "1" } } }, "not a container", { image: "b:1", resources: { requests: { cpu: "2" }, limits: { cpu: "1" } } }],
    };
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "a" }, spec: { template: { spec } } };
    const yaml = stringify(deployment);
    const lineOf = (text: string, after = 0) => yaml.split("\n").findIndex((line, index) => index >= after && line.includes(text)) + 1;
    // The rule runner orders findings of one object by line, then message.
    expect(rule.check(contextFromYaml(yaml)).map((finding) => `${finding.line} ${finding.severity} ${finding.message} | ${finding.fix}`)).toEqual([
      `${lineOf('cpu: "4"')} error spec.template.spec.resources.requests: Invalid value: "4": must be less than or equal to cpu limit of 2 | the pod: lower resources.requests["cpu"] to at most 2, or raise resources.limits["cpu"] to at least 4`,
      `${lineOf('cpu: "3"')} error spec.template.spec.initContainers[0].resources.requests: Invalid value: "3": must be less than or equal to cpu limit of 2 | container "migrate": lower resources.requests["cpu"] to at most 2, or raise resources.limits["cpu"] to at least 3`,
      `${lineOf("memory: 1Gi")} error spec.template.spec.initContainers[1].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi | container "proxy": lower resources.requests["memory"] to at most 512Mi, or raise resources.limits["memory"] to at least 1Gi`,
      `${lineOf('cpu: "2"', lineOf("b:1"))} error spec.template.spec.containers[2].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1 | container "#2": lower resources.requests["cpu"] to at most 1, or raise resources.limits["cpu"] to at least 2`,
    ]);
  });

  it("GIVEN objects that carry no pod of their own WHEN checked THEN nothing: a ConfigMap, a Rollout borrowing a Deployment's template, a Deployment of another API group", () => {
    const objects = [
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { resources: "requests: {cpu: 2}" } },
      { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "r", namespace: "a" }, spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "d" } } },
      { apiVersion: "example.com/v1", kind: "Deployment", metadata: { name: "x", namespace: "a" }, spec: { template: { spec: podSpec({ requests: { cpu: "2" }, limits: { cpu: "1" } }) } } },
    ];
    expect(findings(objects.map((object) => stringify(object)).join("---\n"))).toEqual([]);
  });

  it("GIVEN the rule registry WHEN listed THEN the rule is an error in best-practice", () => {
    expect(rule).toMatchObject({ category: "best-practice", severity: "error" });
  });
});

describe("best-practice/requests-exceed-limits with the namespace's LimitRange defaults", () => {
  const limitRange = (item: Record<string, unknown>, name = "limits", namespace = "shop") =>
    stringify({ apiVersion: "v1", kind: "LimitRange", metadata: { name, namespace }, spec: { limits: [{ type: "Container", ...item }] } });
  const deployment = (resources: Record<string, unknown>, namespace = "shop") =>
    stringify({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace }, spec: { template: { spec: podSpec(resources) } } });
  const pod = (resources: Record<string, unknown>) => stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "shop" }, spec: podSpec(resources) });

  it.each([
    [
      "a request above the default limit",
      limitRange({ default: { cpu: "500m" } }),
      deployment({ requests: { cpu: "1" } }),
      ['error spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m (the cpu limit 500m is the default of LimitRange shop/limits, which admission fills in: the API server refuses every pod it creates) | container "api": set resources.limits["cpu"] itself, or change the default of LimitRange shop/limits'],
    ],
    [
      "a Pod's memory request above the default limit",
      limitRange({ default: { memory: "256Mi" } }),
      pod({ requests: { memory: "1Gi" } }),
      ['error spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 256Mi (the memory limit 256Mi is the default of LimitRange shop/limits, which admission fills in: the API server refuses the pod) | container "api": set resources.limits["memory"] itself, or change the default of LimitRange shop/limits'],
    ],
    [
      "a limit below the default request, on a Pod",
      limitRange({ defaultRequest: { memory: "1Gi" } }),
      pod({ limits: { memory: "512Mi" } }),
      [],
    ],
    [
      "a request below the written limit, and a default request above a limit written only as a request's partner",
      limitRange({ defaultRequest: { memory: "1Gi" }, default: { memory: "2Gi" } }),
      pod({ limits: { cpu: "1" }, requests: { cpu: "1" } }),
      [],
    ],
    [
      "a limit that the max defaults (no default), below the request",
      limitRange({ max: { cpu: "2" } }),
      deployment({ requests: { cpu: "3" } }),
      ['error spec.template.spec.containers[0].resources.requests: Invalid value: "3": must be less than or equal to cpu limit of 2 (the cpu limit 2 is the default of LimitRange shop/limits, which admission fills in: the API server refuses every pod it creates) | container "api": set resources.limits["cpu"] itself, or change the default of LimitRange shop/limits'],
    ],
    [
      "defaults for cpu only, a container writing only memory (the default request is within the default limit)",
      limitRange({ defaultRequest: { cpu: "2" }, default: { cpu: "4" } }),
      pod({ limits: { memory: "1Gi" }, requests: {} }),
      [],
    ],
    [
      "a request within the default limit",
      limitRange({ default: { cpu: "2" } }),
      deployment({ requests: { cpu: "1" } }),
      [],
    ],
    [
      "a LimitRange of another namespace",
      limitRange({ default: { cpu: "500m" } }, "limits", "other"),
      deployment({ requests: { cpu: "1" } }),
      [],
    ],
    [
      "a request above the written limit (reported once, as without a LimitRange)",
      limitRange({ default: { cpu: "500m" } }),
      deployment({ requests: { cpu: "2" }, limits: { cpu: "1" } }),
      ['error spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1 | container "api": lower resources.requests["cpu"] to at most 1, or raise resources.limits["cpu"] to at least 2'],
    ],
  ])("GIVEN %s WHEN checked THEN %j", (_case, range, workload, expected) => {
    expect(findings(`${range}---\n${workload}`)).toEqual(expected);
  });

  it("GIVEN a written limit below the LimitRange's default request WHEN checked THEN nothing: the omitted request is the limit before LimitRanger runs", () => {
    const range = limitRange({ defaultRequest: { cpu: "1", memory: "1Gi" } });
    expect(findings(`${range}---\n${pod({ limits: { cpu: "500m" } })}`)).toEqual([]);
    expect(findings(`${range}---\n${deployment({ limits: { memory: "512Mi" } })}`)).toEqual([]);
    // Without that defaulting the default request (1) would exceed the limit (500m): it is what the rule must not report.
    expect(findings(`${range}---\n${pod({ limits: { cpu: "500m" }, requests: { cpu: "1" } })}`)).toHaveLength(1);
  });
});
