import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { loadSpec, parseSpec } from "../../src/platform-spec/load.js";
import { REPO_ROOT } from "../support/paths.js";
import { specProblems } from "../support/spec-problems.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "slipway-spec-"));
}

describe("the reference platform (no spec at all)", () => {
  it("GIVEN an empty folder WHEN loading THEN the spec is the reference platform (the README's defaults)", async () => {
    const { spec, source } = await loadSpec({ cwd: tempDir() });
    expect(source).toBeUndefined();
    expect(spec.cluster.name).toBe("production-cluster");
    expect(spec.cluster.kubernetesVersion).toBe("1.35");
    expect(spec.nodeGroups.system).toMatchObject({
      instanceTypes: ["m6i.large"],
      minSize: 2,
      maxSize: 4,
      labels: { role: "system" },
      taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
    });
    expect(spec.nodeGroups.application).toMatchObject({ instanceTypes: ["c6i.xlarge", "c6i.2xlarge"], minSize: 2, maxSize: 20 });
    expect(spec.karpenter).toMatchObject({
      architectures: ["amd64"],
      instanceFamilies: ["c6i", "m6i"],
      instanceSizes: ["large", "xlarge", "2xlarge"],
      limits: { cpu: "1000", memory: "2000Gi" },
      consolidateAfter: "60s",
      expireAfter: "168h",
      rootVolume: { sizeGiB: 100, type: "gp3", encrypted: true },
    });
    expect(Object.keys(spec.namespaces)).toEqual(["production", "staging", "development"]);
    expect(Object.values(spec.namespaces).every((namespace) => namespace.podSecurity === "restricted")).toBe(true);
    expect(spec.teams["team-a"]?.quota).toEqual({ requestsCpu: "20", requestsMemory: "40Gi", limitsCpu: "40", limitsMemory: "80Gi", persistentVolumeClaims: 10 });
    const api = spec.applications["api-server"];
    expect(api?.replicas).toBe(10);
    expect(api?.canary.steps).toEqual([
      { weight: 5, pause: "5m" },
      { weight: 20, pause: "10m" },
      { weight: 50, pause: "10m" },
      { weight: 80, pause: "10m" },
    ]);
    expect(api?.autoscaling).toEqual({
      minReplicas: 3,
      maxReplicas: 50,
      cpuUtilization: 70,
      memoryUtilization: 80,
      requestsPerSecond: 1000,
      scaleUp: { percent: 100, periodSeconds: 15, stabilizationWindowSeconds: 0 },
      scaleDown: { percent: 10, periodSeconds: 60, stabilizationWindowSeconds: 300 },
    });
    expect(spec.monitoring.prometheus).toMatchObject({ retention: "15d", storage: "100Gi" });
    expect(spec.monitoring.grafana.storage).toBe("10Gi");
    expect(spec.monitoring.alertmanager).toEqual({ slackChannel: "#alerts", groupBy: ["alertname", "namespace"] });
  });
});

describe("spec files", () => {
  it("GIVEN slipway.yaml adding a team, a namespace and an app in a few lines WHEN loading THEN they merge with the defaults", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, "slipway.yaml"),
      [
        "teams:",
        "  team-a: {}",
        "  payments: { quota: { requestsCpu: '8' } }",
        "namespaces:",
        "  production: { team: team-a }",
        "  payments: { team: payments }",
        "applications:",
        "  api-server: { namespace: production }",
        "  ledger: { namespace: payments, port: 8443 }",
        "",
      ].join("\n"),
    );
    const { spec, source } = await loadSpec({ cwd });
    expect(source).toBe(join(cwd, "slipway.yaml"));
    expect(spec.teams.payments?.quota.requestsCpu).toBe("8");
    expect(spec.teams.payments?.quota.limitsMemory).toBe("80Gi");
    expect(spec.namespaces.payments).toEqual({ podSecurity: "restricted", team: "payments", labels: {} });
    expect(spec.applications.ledger?.port).toBe(8443);
    expect(spec.applications.ledger?.canary.steps).toHaveLength(4);
  });

  it("GIVEN slipway.config.ts using defineConfig WHEN loading THEN its default export is validated", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, "slipway.config.ts"),
      `import { defineConfig } from ${JSON.stringify(join(REPO_ROOT, "src/config.ts"))};\n` +
        `const minSize: number = 3;\nexport default defineConfig({ cluster: { name: "edge" }, nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize, maxSize: 5 } } });\n`,
    );
    const { spec } = await loadSpec({ cwd });
    expect(spec.cluster.name).toBe("edge");
    expect(spec.nodeGroups.system).toMatchObject({ minSize: 3, maxSize: 5, taints: [] });
    expect(spec.nodeGroups.application).toBeUndefined();
  });

  it("GIVEN --config naming a missing file WHEN loading THEN SPEC_NOT_FOUND names the path", async () => {
    const cwd = tempDir();
    await expect(loadSpec({ cwd, configPath: "nope.yaml" })).rejects.toMatchObject({ code: "SPEC_NOT_FOUND", where: join(cwd, "nope.yaml") });
  });

  it("GIVEN --config naming a folder WHEN loading THEN SPEC_UNREADABLE says it is a folder and names a spec file in it", async () => {
    const cwd = tempDir();
    await expect(loadSpec({ cwd, configPath: "." })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", message: "spec file . is a folder", where: cwd, fix: "pass the spec file itself, such as --config slipway.config.ts" });
  });

  it("GIVEN broken YAML WHEN loading THEN SPEC_UNREADABLE names the file and the line", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "cluster:\n  name: [unclosed\n");
    const error = await loadSpec({ cwd }).catch((caught: unknown) => caught as SlipwayError);
    expect(error).toMatchObject({ code: "SPEC_UNREADABLE", where: join(cwd, "slipway.yaml") });
    expect((error as SlipwayError).problems.join("\n")).toMatch(/line \d+/);
  });

  it("GIVEN a config without a default export WHEN loading THEN the error says how to export it", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.mjs"), "export const spec = {};\n");
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", message: "spec file has no default export (it exports spec)" });
  });
});

describe("spec errors name the field path and the allowed values", () => {
  it.each<[string, unknown, string[]]>([
    [
      "impossible node group size",
      { nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: 2, maxSize: 1 } } },
      ["nodeGroups.system.maxSize: must be >= minSize (2)"],
    ],
    ["wrong type", { applications: { web: { namespace: "production", replicas: "ten" } } }, ['applications.web.replicas: expected number, got the string "ten"']],
    [
      "unknown field",
      { cluster: { nmae: "x" } },
      ["cluster.nmae: unknown field; allowed fields: adminRoleArn, allowPublicEndpointFromAnywhere, availabilityZones, kubernetesVersion, name, natGateways, publicAccessCidrs, vpcCidr"],
    ],
    ["value outside an enum", { namespaces: { dev: { podSecurity: "strict" } } }, ['namespaces.dev.podSecurity: must be one of "restricted", "baseline", "privileged"']],
    ["unsupported Kubernetes version", { cluster: { kubernetesVersion: "1.33" } }, ['cluster.kubernetesVersion: must be one of "1.35", "1.36"']],
    ["negative size", { nodeGroups: { batch: { instanceTypes: ["c6i.large"], minSize: -1, maxSize: 3 } } }, ["nodeGroups.batch.minSize: must be >= 0"]],
    ["undefined namespace", { applications: { web: { namespace: "nowhere" } } }, ['applications.web.namespace: namespace "nowhere" is not defined; defined namespaces: production, staging, development']],
    ["undefined team", { namespaces: { production: {}, ops: { team: "ops" } } }, ['namespaces.ops.team: team "ops" is not defined; defined teams: team-a']],
    [
      "HPA bounds",
      { applications: { "api-server": { namespace: "production", autoscaling: { minReplicas: 5, maxReplicas: 2 } } } },
      ["applications.api-server.autoscaling.maxReplicas: must be >= minReplicas (5)"],
    ],
    [
      "canary weights not increasing",
      { applications: { "api-server": { namespace: "production", canary: { steps: [{ weight: 50 }, { weight: 20 }] } } } },
      ["applications.api-server.canary.steps[1].weight: must be greater than the previous step's weight (50)"],
    ],
    [
      "public endpoint open to the internet",
      { cluster: { publicAccessCidrs: ["0.0.0.0/0"] } },
      ["cluster.publicAccessCidrs: 0.0.0.0/0 opens the API endpoint to the internet; set cluster.allowPublicEndpointFromAnywhere: true if that is intended"],
    ],
    ["missing required field", { nodeGroups: { batch: { minSize: 1, maxSize: 3 } } }, ["nodeGroups.batch.instanceTypes: expected array, got nothing (the field is required)"]],
  ])("%s", (_title, raw, expected) => {
    expect(specProblems(raw)).toEqual(expected);
  });

  it("GIVEN Karpenter durations of Never (Karpenter's CRD allows them) WHEN parsing THEN they are accepted", () => {
    expect(parseSpec({ karpenter: { consolidateAfter: "Never", expireAfter: "Never" } }, "x").karpenter).toMatchObject({ consolidateAfter: "Never", expireAfter: "Never" });
  });

  it("GIVEN 0.0.0.0/0 with the explicit opt-in WHEN parsing THEN it is accepted", () => {
    expect(parseSpec({ cluster: { publicAccessCidrs: ["0.0.0.0/0"], allowPublicEndpointFromAnywhere: true } }, "x").cluster.publicAccessCidrs).toEqual(["0.0.0.0/0"]);
  });

  it("GIVEN several problems WHEN parsing THEN all are reported at once", () => {
    expect(specProblems({ cluster: { name: "Bad_Name" }, karpenter: { consolidateAfter: "soon" } })).toHaveLength(2);
  });
});

describe("hostile inputs (issue 12) are spec errors that say why and how to fix", () => {
  const app = (extra: Record<string, unknown> = {}) => ({ namespace: "production", ...extra });
  it.each<[string, unknown, string]>([
    ...["karpenter", "cert-manager", "external-secrets", "kube-prometheus-stack", "aws-load-balancer-controller", "root", "cluster-secret-store", "tenancy-production"].map(
      (name): [string, unknown, string] => [`application named ${name}`, { applications: { [name]: app() } }, `applications.${name}: the name "${name}" is reserved: Argo CD Applications share one namespace`],
    ),
    ["application name with upper case and '_'", { applications: { My_App: app() } }, `applications.My_App: the name "My_App" must be an RFC 1123 DNS label`],
    ["application name of 70 characters", { applications: { ["a".repeat(70)]: app() } }, `is 70 characters long; at most 50 are allowed (Slipway names objects "<name>-success-rate"`],
    ["namespace name of 64 characters", { namespaces: { ["n".repeat(64)]: {} } }, "is 64 characters long; at most 63 are allowed (an RFC 1123 DNS label)"],
    ["team named platform", { teams: { platform: {} } }, `teams.platform: the name "platform" is reserved: each team gets an Argo CD AppProject`],
    ["team named default", { teams: { default: {} } }, `teams.default: the name "default" is reserved`],
    ...["kube-system", "kube-public", "kube-node-lease", "default", "argocd", "monitoring", "cert-manager", "external-secrets", "argo-rollouts"].map(
      (name): [string, unknown, string] => [`tenant namespace ${name}`, { namespaces: { [name]: { team: "team-a" } } }, `namespaces.${name}: the name "${name}" cannot be a tenant namespace`],
    ),
    ["number too large (1e400)", { applications: { "api-server": app({ replicas: Number("1e400") }) } }, "applications.api-server.replicas: must be a finite number, got Infinity"],
    ["NaN", { nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: Number.NaN, maxSize: 2 } } }, "nodeGroups.system.minSize: must be a finite number, got NaN"],
    ["ingress host with scheme, path and shell", { applications: { "api-server": app({ host: "http://evil.com/path;rm -rf /" }) } }, 'applications.api-server.host: must be a bare host name such as app.example.com, without a scheme ("http://")'],
    ["image with upper case", { applications: { "api-server": app({ image: "ghcr.io/Acme/API" }) } }, 'applications.api-server.image: repository "Acme/API" must be lowercase'],
    ["repoURL file://", { gitops: { repoURL: "file:///etc" } }, "gitops.repoURL: must be an https://, ssh:// or git@host:owner/name URL, not file://"],
    ["path leaving the repository", { gitops: { path: "../../.." } }, "gitops.path: must not contain '..'"],
    ["absolute path", { gitops: { path: "/etc" } }, "gitops.path: must be relative to the repository root"],
    ["team source repository file://", { teams: { "team-a": { sourceRepos: ["file:///srv"] } } }, "teams.team-a.sourceRepos[0]: must be an https://, ssh:// or git@host:owner/name URL, not file://"],
    ["argocdHost with a path", { gitops: { argocdHost: "argocd.example.com/x" } }, "gitops.argocdHost: must be a bare host name"],
    ["targetRevision with a shell substitution", { gitops: { targetRevision: "$(reboot)" } }, "gitops.targetRevision: must be a Git branch, tag or commit"],
    ["label value with spaces", { namespaces: { production: { team: "team-a", labels: { tier: "a b" } } } }, "namespaces.production.labels.tier: must be empty or alphanumerics"],
    ...["pod-security.kubernetes.io/enforce", "pod-security.kubernetes.io/warn-version", "pod-security.kubernetes.io/anything"].map(
      (key): [string, unknown, string] => [`namespace label ${key} (the platform's value won silently)`, { namespaces: { production: { team: "team-a", labels: { [key]: "privileged" } } } }, `namespaces.production.labels.${key}: is a label the platform does not let a spec set: the platform sets the Pod Security labels from the namespace's podSecurity level`],
    ),
    ["namespace label slipway.io/team", { namespaces: { production: { team: "team-a", labels: { "slipway.io/team": "other" } } } }, "namespaces.production.labels.slipway.io/team: is a label the platform does not let a spec set: the platform sets it from namespaces.<name>.team"],
    ["namespace label app.kubernetes.io/managed-by", { namespaces: { production: { labels: { "app.kubernetes.io/managed-by": "helm" } } } }, "namespaces.production.labels.app.kubernetes.io/managed-by: is a label the platform does not let a spec set"],
    ["namespace label kubernetes.io/metadata.name", { namespaces: { production: { labels: { "kubernetes.io/metadata.name": "other" } } } }, "namespaces.production.labels.kubernetes.io/metadata.name: is a label the platform does not let a spec set: the API server sets it to the namespace's name"],
    ...[
      ["kubernetes.io/hostname", "the kubelet and EKS set it on each node from the node itself"],
      ["topology.kubernetes.io/zone", "the kubelet and EKS set it on each node from the node itself"],
      ["node.kubernetes.io/instance-type", "the kubelet and EKS set it on each node from the node itself"],
      ["node-role.kubernetes.io/worker", "the kubelet refuses node labels in the kubernetes.io and k8s.io namespaces outside kubelet.kubernetes.io/ and node.kubernetes.io/"],
      ["example.k8s.io/tier", "the kubelet refuses node labels in the kubernetes.io and k8s.io namespaces"],
      ["kubernetes.io/role", "the kubelet refuses node labels in the kubernetes.io and k8s.io namespaces"],
    ].map(([key, why]): [string, unknown, string] => [
      `node group label ${key}`,
      { nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2, labels: { [key!]: "x" } } } },
      `nodeGroups.system.labels.${key}: is a label a node group cannot set: ${why}`,
    ]),
    ["cluster name too long for the bucket names", { cluster: { name: "c".repeat(40) } }, "cluster.name: is too long: the S3 bucket name"],
    ["node group name too long for EKS", { nodeGroups: { ["g".repeat(50)]: { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2 } } }, "EKS allows 63; use a node group name of at most 44 characters"],
    // Nothing scales a managed node group up from 0: Karpenter's controller and the add-ons would never run.
    ["no node group", { nodeGroups: {} }, "nodeGroups: has no node group: Karpenter's controller, CoreDNS and the add-ons run on managed nodes"],
    ["node groups that start with no node", { nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: 0, maxSize: 2 } } }, "nodeGroups: starts with no node (desiredSize, default minSize, is 0 in every group): Karpenter's controller"],
    ["a Prometheus volume of 0", { monitoring: { prometheus: { storage: "0" } } }, "monitoring.prometheus.storage: must be at least 1Gi: the volume is an EBS gp3 volume (1 GiB at least) and the API server refuses a claim of 0"],
    ["a Grafana volume under 1Gi", { monitoring: { grafana: { storage: "500Mi" } } }, "monitoring.grafana.storage: must be at least 1Gi"],
    ["a Karpenter CPU limit of 0", { karpenter: { limits: { cpu: "0", memory: "2000Gi" } } }, "karpenter.limits.cpu: must be more than 0: Karpenter launches no node past its NodePools' limits; to run without Karpenter set karpenter.enabled: false"],
    // A cluster name that leaves no room for any node group name asked for a negative length.
    ["cluster name too long for any node group name", { cluster: { name: "c".repeat(70) }, nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2 } } }, "EKS allows 63; the cluster name leaves no room for it: use a cluster name of at most 56 characters"],
    ["Karpenter consolidateAfter in ms (the NodePool's CRD pattern has no ms)", { karpenter: { consolidateAfter: "1500ms" } }, "karpenter.consolidateAfter: must be a duration in hours, minutes and seconds such as 30s, 5m or 168h (Karpenter takes no ms), or Never"],
    ["Karpenter expireAfter with ms", { karpenter: { expireAfter: "1h500ms" } }, "karpenter.expireAfter: must be a duration in hours, minutes and seconds"],
    ["VPC CIDR with host bits", { cluster: { vpcCidr: "10.0.0.1/16" } }, "cluster.vpcCidr: has host bits set"],
    // zod's records dropped a "__proto__" entry without a word: the application silently did not exist.
    ["an application named __proto__", JSON.parse('{"applications": {"__proto__": {"namespace": "production"}}}'), 'applications.__proto__: the name "__proto__" is not allowed'],
    ["a label named __proto__", JSON.parse('{"namespaces": {"production": {"team": "team-a", "labels": {"__proto__": "x"}}}}'), 'namespaces.production.labels.__proto__: the name "__proto__" is not allowed'],
    // "constructor" is a valid DNS label and `in` found Object.prototype's: a crash (TypeError) and an application in a namespace nothing creates.
    ["a namespace owned by team constructor", { namespaces: { production: { team: "constructor" } } }, 'namespaces.production.team: team "constructor" is not defined; defined teams: team-a'],
    ["an application in namespace constructor", { applications: { "api-server": app({ namespace: "constructor" }) } }, 'applications.api-server.namespace: namespace "constructor" is not defined'],
    // The variable is also a key of Secret <app>-env: check found the ExternalSecret's secretKey over 253 characters.
    ["a secret variable of 254 characters", { applications: { "api-server": app({ secrets: { ["A".repeat(254)]: "db" } }) } }, `applications.api-server.secrets.${"A".repeat(254)}: the name "${"A".repeat(254)}" has more than 253 characters: it is also a key of the Secret <app>-env`],
    ["a team Application in namespace constructor", { teams: { "team-a": { applications: { x: { path: "teams/x", namespace: "constructor" } } } } }, 'teams.team-a.applications.x.namespace: namespace "constructor" is not defined'],
  ])("%s", (_title, raw, expected) => {
    expect(specProblems(raw).join("\n")).toContain(expected);
  });

  it("GIVEN a reserved application name and a bad value at once WHEN parsing THEN both are reported", () => {
    const problems = specProblems({ applications: { root: app(), web: app({ image: "Web" }) } });
    expect(problems).toHaveLength(2);
  });

  it("GIVEN an alias bomb in slipway.yaml WHEN loading THEN SPEC_UNREADABLE says aliases are limited, without exhausting memory", async () => {
    const cwd = tempDir();
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    writeFileSync(join(cwd, "slipway.yaml"), `${levels.join("\n")}\n`);
    const error = await loadSpec({ cwd }).catch((caught: unknown) => caught as SlipwayError);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: "SPEC_UNREADABLE", where: join(cwd, "slipway.yaml") });
    expect((error as SlipwayError).fix).toContain("use fewer YAML aliases");
  });

  it("GIVEN 1e400 in slipway.yaml WHEN loading THEN the message says the number is not finite", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "applications:\n  api-server: { namespace: production, replicas: 1e400 }\n");
    const error = (await loadSpec({ cwd }).catch((caught: unknown) => caught)) as SlipwayError;
    expect(error.problems).toEqual([expect.stringContaining("applications.api-server.replicas: must be a finite number, got Infinity")]);
  });

  it("GIVEN a slipway.config.ts that does not compile WHEN loading THEN SPEC_UNREADABLE names the file", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.ts"), "export default { cluster: { name: 'x' ;\n");
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", where: join(cwd, "slipway.config.ts") });
  });

  it("GIVEN a slipway.config.ts whose default export is not an object WHEN loading THEN the spec error names the root", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.mjs"), "export default 42;\n");
    const error = (await loadSpec({ cwd }).catch((caught: unknown) => caught)) as SlipwayError;
    expect(error).toMatchObject({ code: "SPEC_INVALID" });
    expect(error.problems).toEqual(["(root): expected object, got number 42"]);
  });
});

describe("GIVEN a slipway.config.ts whose default export is the wrong shape", () => {
  // Each was validated as an object without fields and silently became the reference platform, or named the wrong thing.
  it.each<[string, string, Record<string, unknown>]>([
    ["a Promise", "export default Promise.resolve({ cluster: { name: 'x' } });\n", { code: "SPEC_UNREADABLE", message: "the default export is a Promise, not the spec object" }],
    ["a Map", "export default new Map([['cluster', {}]]);\n", { code: "SPEC_UNREADABLE", message: "the default export is a Map, not the spec object" }],
    ["a class instance", "class Spec { cluster = {} }\nexport default new Spec();\n", { code: "SPEC_UNREADABLE", message: "the default export is a Spec, not the spec object" }],
    ["nothing, only a named export", "export const spec = { cluster: { name: 'x' } };\n", { code: "SPEC_UNREADABLE", message: "spec file has no default export (it exports spec)" }],
    ["a function", "export default () => ({});\n", { code: "SPEC_INVALID", problems: ["(root): expected object, got a function (export the spec object, not a function that builds it)"] }],
  ])("WHEN it is %s THEN loading fails naming what it is", async (_name, source, expected) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.ts"), source);
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ ...expected, where: expected.code === "SPEC_UNREADABLE" ? join(cwd, "slipway.config.ts") : expect.any(String) });
  });

  it("WHEN it has named exports beside the default THEN the default export is the spec", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.ts"), "export const name = 'beside';\nexport default { cluster: { name: 'beside' } };\n");
    expect((await loadSpec({ cwd })).spec.cluster.name).toBe("beside");
  });
});

describe("GIVEN an admin role ARN", () => {
  it.each([
    ["arn:aws:iam::111122223333:role/platform-admin", true],
    ["arn:aws:iam::111122223333:role/teams/platform-admin", true],
    ["arn:aws:iam::111122223333:role/admin role", false],
    ['arn:aws:iam::111122223333:role/x"; rm -rf /', false],
    ["arn:aws:iam::111122223333:user/alice", false],
  ])("WHEN it is %s THEN acceptance is %s", (arn, accepted) => {
    const input = { cluster: { adminRoleArn: arn } };
    if (accepted) expect(parseSpec(input, "x").cluster.adminRoleArn).toBe(arn);
    else expect(specProblems(input).join("\n")).toContain("cluster.adminRoleArn: must be an IAM role ARN");
  });
});

describe("GIVEN node group labels the kubelet accepts", () => {
  it("WHEN they are the group's own (role: system), under node.kubernetes.io/ or kubelet.kubernetes.io/, or another domain THEN the spec is accepted", () => {
    const labels = { role: "system", "node.kubernetes.io/pool": "a", "kubelet.kubernetes.io/x": "b", "example.com/tier": "c", "eks.example.kubernetes.io.evil.com/y": "d" };
    const spec = parseSpec({ nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2, labels } } }, "test");
    expect(spec.nodeGroups.system!.labels).toEqual(labels);
  });
});

describe("monitoring.prometheus.retention", () => {
  it.each(["15d", "90m", "1w3d", "2h30m", "1y"])("GIVEN %j (a duration the Prometheus CRD accepts) WHEN parsed THEN it is kept", (retention) => {
    expect(parseSpec({ monitoring: { prometheus: { retention } } }, "test").monitoring.prometheus.retention).toBe(retention);
  });

  it.each([
    ["15 days", "monitoring.prometheus.retention: must be a Prometheus duration such as 15d, 90m or 1w3d (units y, w, d, h, m, s, ms, largest first)"],
    ["1d1w", "monitoring.prometheus.retention: must be a Prometheus duration such as 15d, 90m or 1w3d (units y, w, d, h, m, s, ms, largest first)"],
    ["", "monitoring.prometheus.retention: must be a Prometheus duration such as 15d, 90m or 1w3d (units y, w, d, h, m, s, ms, largest first)"],
    ["0d", "monitoring.prometheus.retention: must be longer than 0 (a zero retention is no retention setting at all)"],
  ])("GIVEN %j WHEN parsed THEN SPEC_INVALID with one problem", (retention, problem) => {
    expect(() => parseSpec({ monitoring: { prometheus: { retention } } }, "test")).toThrow(expect.objectContaining({ code: "SPEC_INVALID", problems: [problem] }));
  });
});

describe("applications.<name>.minAvailable", () => {
  it.each([
    ["150%", "applications.api-server.minAvailable: must be at most 100%"],
    ["50", "applications.api-server.minAvailable: must be a whole number of pods (1 or more) or a percentage such as 50%"],
  ])("GIVEN %j WHEN parsed THEN SPEC_INVALID (the API server refuses a PodDisruptionBudget over 100%%)", (minAvailable, problem) => {
    expect(() => parseSpec({ applications: { "api-server": { namespace: "production", minAvailable } } }, "test")).toThrow(expect.objectContaining({ code: "SPEC_INVALID", problems: [problem] }));
  });

  it("GIVEN 100% WHEN parsed THEN it is refused: it blocks every eviction (test/platform-spec/application-replicas.test.ts)", () => {
    expect(() => parseSpec({ applications: { "api-server": { namespace: "production", minAvailable: "100%" } } }, "test")).toThrow(
      expect.objectContaining({ code: "SPEC_INVALID", problems: [expect.stringMatching(/^applications\.api-server\.minAvailable: 100% of 3 pods, rounded up to 3, must stay available/)] }),
    );
  });
});

describe("hostile spec files (round 5): what is not a readable text file is SPEC_UNREADABLE, naming the file", () => {
  it.each([
    ["a FIFO, which readFileSync waited on forever", (path: string) => execFileSync("mkfifo", [path]), "spec file slipway.yaml is a named pipe (FIFO), not a file"],
    ["a symbolic link to nothing", (path: string) => symlinkSync("nothing.yaml", path), "spec file slipway.yaml is a symbolic link to nothing"],
    ["a loop of symbolic links", (path: string) => { symlinkSync("slipway.yaml", `${path}.other`); symlinkSync(`${path}.other`, path); }, "spec file slipway.yaml is a loop of symbolic links"],
    ["a folder found by name", (path: string) => mkdirSync(path), "spec file slipway.yaml is a folder"],
  ])("GIVEN slipway.yaml that is %s WHEN loading (found or named) THEN it says what the path is", async (_, make, message) => {
    const cwd = tempDir();
    make(join(cwd, "slipway.yaml"));
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", message, where: join(cwd, "slipway.yaml") });
    await expect(loadSpec({ cwd, configPath: "slipway.yaml" })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", message });
  });

  it("GIVEN a UTF-16 slipway.yaml with a byte order mark (as Windows editors save it) WHEN loading THEN it is read like UTF-8", async () => {
    const cwd = tempDir();
    const text = "cluster:\r\n  name: from-windows\r\n";
    writeFileSync(join(cwd, "slipway.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect((await loadSpec({ cwd })).spec.cluster.name).toBe("from-windows");
    writeFileSync(join(cwd, "slipway.yaml"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    expect((await loadSpec({ cwd })).spec.cluster.name).toBe("from-windows");
  });

  it.each([
    ["Latin-1 (é as the byte 0xe9)", Buffer.from("cluster:\n  name: x\nmonitoring:\n  alertmanager:\n    slackChannel: '#caf\u00e9'\n", "latin1"), "spec file is not UTF-8: byte 0xe9 at line 5 starts no UTF-8 character"],
    ["a NUL byte", Buffer.from("cluster:\n  name: x\u0000\n"), "spec file contains NUL bytes: it is binary, or UTF-16/UTF-32 without a byte order mark"],
    ["UTF-16 without a byte order mark", Buffer.from("cluster: {}\n", "utf16le"), "spec file contains NUL bytes: it is binary, or UTF-16/UTF-32 without a byte order mark"],
  ])("GIVEN a slipway.yaml in %s WHEN loading THEN SPEC_UNREADABLE says it is not UTF-8 text instead of reading replacement characters", async (_, bytes, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), bytes);
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", message });
  });

  it.each([
    ["an unknown local tag (dropped with a warning before)", "cluster: !custom {name: x}\n", "line 1: the tag !custom is not allowed"],
    ["a language tag (PyYAML's object constructor)", "cluster: !!python/object:os.system {}\n", "line 1: the tag !!python/object:os.system is not allowed"],
    ["!!binary (a Uint8Array, one problem per byte before)", "cluster:\n  name: !!binary aGVsbG8=\n", "line 2: the tag !!binary is not allowed"],
    ["!!timestamp (a Date)", "cluster:\n  name: !!timestamp 2026-12-01\n", "line 2: the tag !!timestamp is not allowed"],
    ["!!set (a Map)", "cluster:\n  publicAccessCidrs: !!set {10.0.0.0/8}\n", "line 2: the tag !!set is not allowed"],
  ])("GIVEN a YAML spec with %s WHEN loading THEN SPEC_UNREADABLE names the tag and its line", async (_, yaml, problem) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), yaml);
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", message: "spec file uses YAML tags that are not plain data", problems: [problem] });
  });

  it("GIVEN core-schema tags (!!str, !!int) WHEN loading THEN they are plain data and accepted", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "cluster:\n  name: !!str tagged\n  availabilityZones: !!int 2\n");
    const { spec } = await loadSpec({ cwd });
    expect([spec.cluster.name, spec.cluster.availabilityZones]).toEqual(["tagged", 2]);
  });
});

describe("hostile slipway.config.ts files (round 5): what the spec's code exports or does is an error naming the field", () => {
  it.each([
    ["an object that contains itself (stack overflow before)", "const o: Record<string, unknown> = {}; o.self = o;\nexport default { cluster: o };\n", ["cluster.self: contains itself (a circular reference); give the field its own copy of the value"]],
    ["a getter that throws (the user's stack trace before)", "export default { get cluster(): never { throw new Error('no secret'); } };\n", ["cluster: reading it threw Error: no secret; make it a plain value"]],
    ["a Proxy whose traps throw", "export default new Proxy({}, { ownKeys() { throw new TypeError('trap'); } });\n", ["(root): reading it threw TypeError: trap; make it a plain value"]],
    ["a BigInt (a crash in the error message before)", "export default { cluster: { availabilityZones: 3n } };\n", ["cluster.availabilityZones: is the BigInt 3n; write the number without the n"]],
    ["a Map deeper in the spec (silently no labels before)", "export default { namespaces: { production: { team: 'team-a', labels: new Map([['tier', 'web']]) } } };\n", ["namespaces.production.labels: is a Map, not plain data; write it as an object or a list"]],
    ["a Date", "export default { gitops: { targetRevision: new Date(0) } };\n", ["gitops.targetRevision: is a Date, not plain data; write it as an object or a list"]],
  ])("GIVEN a default export with %s WHEN loading THEN SPEC_UNREADABLE names the field", async (_, source, problems) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.ts"), source);
    await expect(loadSpec({ cwd })).rejects.toMatchObject({ code: "SPEC_UNREADABLE", where: join(cwd, "slipway.config.ts"), problems });
  });

  it("GIVEN one object used at two places (not a cycle) WHEN loading THEN it is accepted", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, "slipway.config.ts"),
      "const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } };\n" +
        "export default { applications: { a: { namespace: 'production', resources }, b: { namespace: 'production', resources } } };\n",
    );
    const { spec } = await loadSpec({ cwd });
    expect(spec.applications.b?.resources.requests.cpu).toBe("100m");
  });

  it("GIVEN a slipway.config.mts whose top-level await never settles while a timer runs WHEN loading THEN the deadline ends it with SPEC_UNREADABLE", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.mts"), "const timer = setInterval(() => undefined, 1000);\nexport default await new Promise((resolve) => { if (timer === undefined) resolve({}); });\n");
    await expect(loadSpec({ cwd, configPath: "slipway.config.mts", loadTimeoutMs: 300 })).rejects.toMatchObject({
      code: "SPEC_UNREADABLE",
      message: "spec file did not finish loading within 0 s",
      where: join(cwd, "slipway.config.mts"),
    });
  });
});

describe("durations Go cannot read, and an expireAfter of 0 (hostile inputs, round 5)", () => {
  it.each([
    [{ applications: { "api-server": { namespace: "production", canary: { steps: [{ weight: 10, pause: "99999999h" }] } } } }, "applications.api-server.canary.steps[0].pause: 99999999h is longer than Go's longest duration, 2562047h47m16s (the controller could not read it); choose a shorter one"],
    [{ karpenter: { consolidateAfter: "2562048h" } }, "karpenter.consolidateAfter: 2562048h is longer than Go's longest duration, 2562047h47m16s (the controller could not read it); choose a shorter one"],
    [{ monitoring: { traceRetention: "9223372037s" } }, "monitoring.traceRetention: 9223372037s is longer than Go's longest duration, 2562047h47m16s (the controller could not read it); choose a shorter one"],
    [{ karpenter: { expireAfter: "0s" } }, "karpenter.expireAfter: must be longer than 0: Karpenter would replace every node as soon as it started; use Never to keep nodes"],
    [{ karpenter: { expireAfter: "0h0m" } }, "karpenter.expireAfter: must be longer than 0: Karpenter would replace every node as soon as it started; use Never to keep nodes"],
  ])("GIVEN %j WHEN validating THEN the field is refused", (raw, problem) => {
    expect(specProblems(raw)).toEqual([problem]);
  });

  it("GIVEN Go's longest duration exactly, and expireAfter Never WHEN validating THEN both are accepted", () => {
    const spec = parseSpec({ monitoring: { traceRetention: "9223372036s" }, karpenter: { expireAfter: "Never", consolidateAfter: "0s" } }, "slipway.yaml");
    expect([spec.monitoring.traceRetention, spec.karpenter.expireAfter, spec.karpenter.consolidateAfter]).toEqual(["9223372036s", "Never", "0s"]);
  });
});
