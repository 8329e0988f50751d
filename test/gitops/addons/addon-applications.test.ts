import { describe, expect, it } from "vitest";
import { ADDONS } from "../../../src/gitops/addons/index.js";
import { awsLoadBalancerControllerGenerator } from "../../../src/gitops/addons/aws-load-balancer-controller.js";
import { karpenterGenerator } from "../../../src/gitops/addons/karpenter.js";
import { metricsServerGenerator } from "../../../src/gitops/addons/metrics-server.js";
import { externalSecretsGenerator } from "../../../src/gitops/addons/external-secrets.js";
import { certManagerGenerator } from "../../../src/gitops/addons/cert-manager.js";
import { secretsStoreCsiDriverGenerator } from "../../../src/gitops/addons/secrets-store-csi-driver.js";
import { secretsStoreCsiProviderAwsGenerator } from "../../../src/gitops/addons/secrets-store-csi-driver-provider-aws.js";
import { argoRolloutsGenerator } from "../../../src/gitops/addons/argo-rollouts.js";
import { kubePrometheusStackGenerator } from "../../../src/gitops/addons/kube-prometheus-stack.js";
import { lokiGenerator } from "../../../src/gitops/addons/loki.js";
import { tempoGenerator } from "../../../src/gitops/addons/tempo.js";
import { alloyGenerator } from "../../../src/gitops/addons/alloy.js";
import { prometheusAdapterGenerator } from "../../../src/gitops/addons/prometheus-adapter.js";
import type { GitOpsGenerator } from "../../../src/gitops/gitops-file.js";
import { SYNC_WAVES } from "../../../src/gitops/sync-waves.js";
import { CHARTS, type ChartName } from "../../../src/versions.js";
import { schemaProblems } from "../../support/schema-problems.js";
import { generate } from "./support.js";

const table: [GitOpsGenerator, string, ChartName, keyof typeof SYNC_WAVES, string][] = [
  [awsLoadBalancerControllerGenerator, "apps/system/aws-load-balancer-controller.yaml", "awsLoadBalancerController", "systemControllers", "kube-system"],
  [karpenterGenerator, "apps/system/karpenter.yaml", "karpenter", "systemControllers", "kube-system"],
  [metricsServerGenerator, "apps/system/metrics-server.yaml", "metricsServer", "systemControllers", "kube-system"],
  [externalSecretsGenerator, "apps/platform/external-secrets.yaml", "externalSecrets", "platformControllers", "external-secrets"],
  [certManagerGenerator, "apps/platform/cert-manager.yaml", "certManager", "certificates", "cert-manager"],
  [secretsStoreCsiDriverGenerator, "apps/platform/secrets-store-csi-driver.yaml", "secretsStoreCsiDriver", "platformControllers", "kube-system"],
  [secretsStoreCsiProviderAwsGenerator, "apps/platform/secrets-store-csi-driver-provider-aws.yaml", "secretsStoreCsiProviderAws", "platformControllers", "kube-system"],
  [argoRolloutsGenerator, "apps/platform/argo-rollouts.yaml", "argoRollouts", "platformControllers", "argo-rollouts"],
  [kubePrometheusStackGenerator, "apps/monitoring/kube-prometheus-stack.yaml", "kubePrometheusStack", "monitoring", "monitoring"],
  [lokiGenerator, "apps/monitoring/loki.yaml", "loki", "monitoring", "monitoring"],
  [tempoGenerator, "apps/monitoring/tempo.yaml", "tempo", "monitoring", "monitoring"],
  [alloyGenerator, "apps/monitoring/alloy.yaml", "alloy", "monitoring", "kube-system"],
  [prometheusAdapterGenerator, "apps/monitoring/prometheus-adapter.yaml", "prometheusAdapter", "monitoring", "monitoring"],
];

/** Keys whose literal value would be a credential if it were written in values. */
const SECRET_KEY = /(password|passwd|token|secret[-_]?access|access[-_]?key|api[-_]?key|api_url$|webhook[-_]?url|client[-_]?secret)/i;

/** Keys that name where a secret is (a Secret's key, a mounted file), not the secret itself. */
const REFERENCE_KEY = /(Key|_file|File|Name|Ref)$/;

function secretsIn(value: unknown, path: string, found: string[]): string[] {
  if (Array.isArray(value)) value.forEach((item, index) => secretsIn(item, `${path}[${index}]`, found));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" && SECRET_KEY.test(key) && !REFERENCE_KEY.test(key)) found.push(`${path}.${key}`);
      secretsIn(item, `${path}.${key}`, found);
    }
  } else if (typeof value === "string" && /hooks\.slack\.com|AKIA[0-9A-Z]{16}|eks\.amazonaws\.com\/role-arn/.test(value)) found.push(path);
  return found;
}

describe("add-on Applications", () => {
  it("GIVEN the add-on generators THEN every add-on of the issue is registered once", () => {
    expect(ADDONS).toHaveLength(table.length);
    expect(new Set(ADDONS.map((addon) => addon.generate))).toEqual(new Set(table.map(([generator]) => generator)));
  });

  const rows = table.map(([generator, path, chart, wave, namespace]) => ({ generator, path, chart, wave, namespace }));

  it.each(rows)("GIVEN the reference spec THEN $path is written pinned from the version table", async ({ generator, path, chart, wave, namespace }) => {
    const { path: written, application, spec } = generate(generator);
    expect(written).toBe(path);
    expect(spec.project).toBe("platform");
    expect(spec.source).toMatchObject({ repoURL: CHARTS[chart].repoURL, chart: CHARTS[chart].chart, targetRevision: CHARTS[chart].version });
    expect(application.metadata.annotations?.["argocd.argoproj.io/sync-wave"]).toBe(String(SYNC_WAVES[wave]));
    expect(spec.destination.namespace).toBe(namespace);
    expect(await schemaProblems([application])).toEqual([]);
  });

  it.each(rows)("GIVEN the reference spec THEN $path holds no secret value and no IRSA role annotation", ({ generator }) => {
    expect(secretsIn(generate(generator).values, "values", [])).toEqual([]);
  });

  it("GIVEN the secret scanner THEN it finds a password or webhook written in values (the check can fail)", () => {
    expect(secretsIn({ grafana: { adminPassword: "hunter2", passwordKey: "admin-password" }, slack: [{ url: "https://hooks.slack.com/services/T/B/x" }] }, "values", [])).toEqual([
      "values.grafana.adminPassword",
      "values.slack[0].url",
    ]);
  });

  it("GIVEN the waves THEN CRD owners sync before the objects that use their CRDs", () => {
    expect(SYNC_WAVES.projects).toBeLessThan(SYNC_WAVES.systemControllers);
    // The first wave: the platform project exists before the root (the deploy step applies it), team projects are named from the applications wave on.
    expect(SYNC_WAVES.projects).toBe(Math.min(...Object.values(SYNC_WAVES)));
    expect(SYNC_WAVES.projects).toBeLessThan(SYNC_WAVES.applications);
    // cert-manager (Certificate, Issuer) before the AWS Load Balancer Controller's webhook certificate.
    expect(SYNC_WAVES.certificates).toBeLessThan(SYNC_WAVES.systemControllers);
    // Karpenter (NodePool CRDs), External Secrets, Rollouts, cert-manager before configuration and applications.
    expect(SYNC_WAVES.systemControllers).toBeLessThan(SYNC_WAVES.platformConfiguration);
    expect(SYNC_WAVES.platformControllers).toBeLessThan(SYNC_WAVES.platformConfiguration);
    expect(SYNC_WAVES.platformControllers).toBeLessThan(SYNC_WAVES.applications);
    // kube-prometheus-stack owns ServiceMonitor, used by applications.
    expect(SYNC_WAVES.monitoring).toBeLessThan(SYNC_WAVES.applications);
  });

  it("GIVEN the kube-prometheus-stack Application THEN it applies server-side because of its large CRDs", () => {
    expect(generate(kubePrometheusStackGenerator).spec.syncPolicy.syncOptions).toContain("ServerSideApply=true");
  });
});
