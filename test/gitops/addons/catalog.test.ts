import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ADDONS, ADDON_NAMES } from "../../../src/gitops/addons/catalog.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { SlipwayError } from "../../../src/errors.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";

function problems(input: unknown): readonly string[] {
  try {
    parseSpec(input, "test");
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    return (error as SlipwayError).problems;
  }
  return [];
}

const off = (...names: string[]) => Object.fromEntries(names.map((name) => [name, { enabled: false }]));

describe("GIVEN the add-on catalog", () => {
  it("WHEN each add-on generates THEN its Application carries the catalog's name (one source of names)", () => {
    const spec = parseSpec({}, "test");
    for (const addon of ADDONS) {
      const objects = addon.generate({ spec, names: platformNames(spec) }).flatMap((file) => (isManifestFile(file) ? file.objects : []));
      expect(objects.map((object) => object.metadata.name), addon.name).toEqual([addon.name]);
    }
    expect(ADDONS.map((addon) => addon.name)).toEqual([...ADDON_NAMES]);
  });
});

describe("GIVEN an add-on turned off while something needs it", () => {
  it.each<[string, unknown, string]>([
    ["external-secrets with the monitoring stack and an application", { addons: off("external-secrets") }, "addons.external-secrets.enabled: cannot be false: addons.kube-prometheus-stack (the Grafana admin and Alertmanager Slack webhook Secrets are ExternalSecrets); applications.api-server (its environment Secret is an ExternalSecret)"],
    ["argo-rollouts with an application", { addons: off("argo-rollouts") }, "addons.argo-rollouts.enabled: cannot be false: applications.api-server (it is deployed as an Argo Rollouts canary)"],
    ["kube-prometheus-stack with prometheus-adapter", { addons: off("kube-prometheus-stack") }, "addons.kube-prometheus-stack (no: addons.prometheus-adapter"],
    ["loki with alloy and Grafana", { addons: off("loki") }, "addons.loki.enabled: cannot be false: addons.alloy (it ships logs to Loki); addons.kube-prometheus-stack (Grafana has a Loki data source)"],
    ["tempo with Grafana", { addons: off("tempo") }, "addons.tempo.enabled: cannot be false: addons.kube-prometheus-stack (Grafana has a Tempo data source)"],
    [
      "cert-manager with the load balancer controller and the monitoring stack",
      { addons: off("cert-manager") },
      "addons.cert-manager.enabled: cannot be false: addons.aws-load-balancer-controller (its webhook serves a cert-manager Certificate (enableCertManager)); addons.kube-prometheus-stack (the Prometheus Operator's admission webhook serves a cert-manager Certificate)",
    ],
    ["the CSI driver with its AWS provider", { addons: off("secrets-store-csi-driver") }, "addons.secrets-store-csi-driver.enabled: cannot be false: addons.secrets-store-csi-driver-provider-aws"],
    ["the load balancer controller with Argo CD's UI", { addons: off("aws-load-balancer-controller") }, "addons.aws-load-balancer-controller.enabled: cannot be false: gitops.argocdHost (Argo CD's UI is served through an ALB Ingress)"],
    ["metrics-server with a CPU-scaled application", { addons: off("metrics-server") }, "applications.api-server (its HPA scales on CPU or memory, which metrics-server serves)"],
    ["prometheus-adapter with a request-rate-scaled application", { addons: off("prometheus-adapter") }, "applications.api-server (its HPA scales on requests per second"],
  ])("WHEN it is %s THEN the spec error names each dependant", (_title, input, expected) => {
    const text = problems(input).join("\n");
    if (expected.includes("(no: ")) {
      expect(text).toContain("addons.kube-prometheus-stack.enabled: cannot be false: addons.prometheus-adapter (it serves custom metrics from Prometheus)");
      expect(text).toContain("applications.api-server (its ServiceMonitor and canary analysis");
    } else {
      expect(text).toContain(expected);
    }
  });

  it("WHEN the dependants are turned off too THEN the spec is accepted", () => {
    expect(problems({ addons: off("alloy", "secrets-store-csi-driver", "secrets-store-csi-driver-provider-aws") })).toEqual([]);
  });

  it("WHEN an application scales only on CPU THEN prometheus-adapter may be turned off", () => {
    const applications = { "api-server": { namespace: "production", autoscaling: { requestsPerSecond: null } } };
    expect(problems({ applications, addons: off("prometheus-adapter") })).toEqual([]);
  });
});

describe("GIVEN add-on overrides", () => {
  function applicationsOf(input: unknown) {
    const tree = synthesizeGitOps(parseSpec(input, "test"));
    return { tree, application: (path: string) => parse(tree.get(path)!) as { spec: { source: { targetRevision: string; helm: { valuesObject: Record<string, any> } } } } };
  }

  it("WHEN an add-on is turned off THEN neither its Application nor anything only it needs is generated, and nothing names it", () => {
    const { tree } = applicationsOf({ addons: off("secrets-store-csi-driver", "secrets-store-csi-driver-provider-aws", "karpenter") });
    expect(tree.has("apps/platform/secrets-store-csi-driver.yaml")).toBe(false);
    expect(tree.has("apps/system/karpenter.yaml")).toBe(false);
    expect(tree.has("platform/karpenter/nodepools.yaml")).toBe(false);
    expect(tree.get("apps/platform/kustomization.yaml")).not.toContain("secrets-store-csi-driver");
    expect(tree.get("applications/api-server/rollout.yaml")).not.toContain("slipway.io/capacity-spread");
  });

  it("WHEN the monitoring stack and everything using ExternalSecrets are off THEN the store and monitoring Secrets are not generated", () => {
    const { tree } = applicationsOf({
      applications: {},
      namespaces: { production: { team: "team-a" } },
      addons: off("external-secrets", "kube-prometheus-stack", "prometheus-adapter", "loki", "tempo", "alloy", "argo-rollouts", "metrics-server"),
    });
    expect([...tree.keys()].filter((path) => path.startsWith("platform/"))).toEqual(["platform/karpenter/ec2nodeclass.yaml", "platform/karpenter/kustomization.yaml", "platform/karpenter/nodepools.yaml", "platform/kustomization.yaml", "platform/storage/kustomization.yaml", "platform/storage/storageclass.yaml"]);
  });

  it("WHEN version and values are set THEN the Application pins that chart version and merges the values over the platform's", () => {
    const { application } = applicationsOf({ addons: { "cert-manager": { version: "v1.99.0", values: { replicaCount: 3, crds: { keep: false }, podLabels: { team: "x" } } } } });
    const source = application("apps/platform/cert-manager.yaml").spec.source;
    expect(source.targetRevision).toBe("v1.99.0");
    expect(source.helm.valuesObject).toMatchObject({ replicaCount: 3, crds: { enabled: true, keep: false }, podLabels: { team: "x" }, serviceAccount: { create: true, name: "cert-manager" } });
  });

  it("WHEN nothing is overridden THEN the Application is the generator's own", () => {
    const { application } = applicationsOf({});
    expect(application("apps/platform/cert-manager.yaml").spec.source.targetRevision).not.toBe("v1.99.0");
  });

  it.each<[string, unknown, string]>([
    ["a version that is not semantic", { addons: { "cert-manager": { version: "latest" } } }, "addons.cert-manager.version: must be a chart version such as 1.2.3"],
    ["an unknown add-on", { addons: { "cert-manger": {} } }, "addons.cert-manger: unknown field; allowed fields: alloy, argo-rollouts"],
    ["a non-finite value", { addons: { loki: { values: { a: [1, Number.POSITIVE_INFINITY] } } } }, "addons.loki.values.a[1]: must be a finite number, got Infinity"],
  ])("WHEN the override has %s THEN the spec error names the field", (_title, input, expected) => {
    expect(problems(input).join("\n")).toContain(expected);
  });
});
