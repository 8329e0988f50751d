/**
 * The objects the local Argo CD needs besides its CRDs and what the repository holds:
 * the settings its Helm chart would create on EKS (`argocd-cm` with the synthesized
 * `configs.cm`, `argocd-secret`), and one repository Secret per repository the
 * Applications name, each pointing at the local repository proxy (repository-proxy.ts).
 *
 * Settings that differ from EKS, each because of what a local control plane with kwok
 * fake nodes is, and listed in the summary:
 * - `resource.exclusions`: Argo CD leaves alone the kinds `up` keeps for itself or that
 *   cannot work on fake nodes. CRDs are installed by `up` from the add-ons' Go modules (the
 *   local controllers are built from those); admission webhooks and aggregated APIs would
 *   be served by pods that run no containers (see addon-objects.ts `whyHeld`).
 * - `resource.customizations.health.*` for kinds whose controller does not run locally
 *   (LOCAL_HEALTH): their objects never get a status, so Argo CD's health check for them
 *   would say Progressing for ever. Locally they count as Healthy once applied; the
 *   summary names them.
 * - HorizontalPodAutoscalers (HPA_HEALTH): the custom metrics API is prometheus-adapter's,
 *   whose pods are fake locally, so an HPA with a Pods metric reports ScalingActive=False
 *   "no custom metrics API (custom.metrics.k8s.io) registered" and Argo CD calls it
 *   Degraded. Locally ScalingActive=False for a Pods, Object or External metric is not
 *   held against it; any other False condition (CPU and memory metrics from the real
 *   metrics-server included) still makes it Degraded.
 * - Applications whose source the local cluster does not serve (a team's own repository,
 *   a chart missing from the cache: argocd-sync.ts `unservedApplications`) count as
 *   Healthy in the platform's own Application health check (unservedApplicationHealth), so
 *   the root goes on to the later waves instead of waiting for ever on what cannot sync
 *   here. The summary names each of them and why.
 */
import { createHash } from "node:crypto";
import { parse } from "yaml";
import type { KubeObject } from "../manifest/kube-object.js";
import { APPLICATION_HEALTH_LUA } from "../gitops/argocd/argocd-values.js";
import type { ServedChartRepository } from "./repository-proxy.js";
import { ARGOCD_NAMESPACE } from "../gitops/argocd/application.js";

/** Kinds Argo CD does not apply or track locally, with the reason. */
export const LOCAL_EXCLUSIONS: readonly { group: string; kinds: readonly string[]; reason: string }[] = [
  { group: "apiextensions.k8s.io", kinds: ["CustomResourceDefinition"], reason: "`up` installs CRDs itself, from the Go modules the local controllers are built from" },
  {
    group: "admissionregistration.k8s.io",
    kinds: ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"],
    reason: "webhook pods run on kwok fake nodes and serve nothing: the API server would reject or delay every object they match",
  },
  { group: "apiregistration.k8s.io", kinds: ["APIService"], reason: "aggregated APIs served by fake pods answer nothing; metrics.k8s.io is served by the local metrics-server" },
];

/**
 * Kinds whose controller does not run on the local cluster, so their objects never get
 * the status Argo CD's health checks read. `group/Kind` as argocd-cm spells it.
 */
export const LOCAL_HEALTH: readonly { groupKind: string; controller: string }[] = [
  { groupKind: "cert-manager.io/Certificate", controller: "cert-manager" },
  { groupKind: "cert-manager.io/Issuer", controller: "cert-manager" },
  { groupKind: "cert-manager.io/ClusterIssuer", controller: "cert-manager" },
  { groupKind: "external-secrets.io/ExternalSecret", controller: "External Secrets" },
  { groupKind: "external-secrets.io/SecretStore", controller: "External Secrets" },
  { groupKind: "external-secrets.io/ClusterSecretStore", controller: "External Secrets" },
  { groupKind: "networking.k8s.io/Ingress", controller: "the AWS Load Balancer Controller" },
  { groupKind: "monitoring.coreos.com/Prometheus", controller: "the Prometheus Operator" },
  { groupKind: "monitoring.coreos.com/Alertmanager", controller: "the Prometheus Operator" },
  { groupKind: "karpenter.k8s.aws/EC2NodeClass", controller: "Karpenter's AWS provider" },
  { groupKind: "elbv2.k8s.aws/TargetGroupBinding", controller: "the AWS Load Balancer Controller" },
];

/** Health of an HPA as Argo CD judges it, but for the custom metrics API the local cluster lacks. */
export const HPA_HEALTH = `hs = {}
-- Reasons the HPA controller gives when the custom or external metrics API fails (Argo CD's Lua has no string library to read the message).
local adapter = { FailedGetPodsMetric = true, FailedGetObjectMetric = true, FailedGetExternalMetric = true }
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.status == "False" and condition.type ~= "ScalingLimited" and not (condition.type == "ScalingActive" and adapter[condition.reason]) then
      hs.status = "Degraded"
      hs.message = condition.message
      return hs
    end
  end
end
hs.status = "Healthy"
hs.message = "local cluster: metrics of the custom and external metrics APIs (prometheus-adapter, whose pods are fake here) are not counted against this HPA"
return hs
`;

export interface ArgoCdObjectsInput {
  /** `configs.cm` of the synthesized argocd-values.yaml (bootstrap/argocd-values.yaml). */
  readonly argoCdValues: string;
  /** The GitOps repository URLs the Applications name. */
  readonly gitRepositories: readonly string[];
  readonly chartRepositories: readonly ServedChartRepository[];
  readonly proxyPort: number;
  /** argocd-secret's `server.secretkey` (random per cluster; nothing local signs with it). */
  readonly serverSecretKey: string;
  /** Applications that cannot sync locally (their source is not served): Healthy to their parent. */
  readonly unservedApplications?: readonly string[];
}

const APPLICATION_HEALTH_KEY = "resource.customizations.health.argoproj.io_Application";

/**
 * The Application health check `synthesized` (the platform's, APPLICATION_HEALTH_LUA when
 * it has none), but Healthy for the named Applications, with the reason.
 */
export function unservedApplicationHealth(synthesized: string | undefined, unserved: readonly string[]): string {
  const names = [...unserved].sort().map((name) => `[${JSON.stringify(name)}] = true`).join(", ");
  return `-- local cluster: Applications whose source is not served here cannot sync; their parent counts them as Healthy.
local unserved = { ${names} }
if obj.metadata ~= nil and unserved[obj.metadata.name] then
  return { status = "Healthy", message = "local cluster: this Application's source is not served locally, so it cannot sync here" }
end
${synthesized ?? APPLICATION_HEALTH_LUA}`;
}

const PART_OF = { "app.kubernetes.io/part-of": "argocd" };
/** Labels of the repository Secrets `up` writes, so a later `up` finds and deletes those it no longer serves. */
export const LOCAL_REPOSITORY_LABELS = { "argocd.argoproj.io/secret-type": "repository", "app.kubernetes.io/managed-by": "slipway-up" } as const;

export function argoCdObjects(input: ArgoCdObjectsInput): KubeObject[] {
  const values = (parse(input.argoCdValues) ?? {}) as { configs?: { cm?: Record<string, unknown> } };
  const synthesized = Object.fromEntries(Object.entries(values.configs?.cm ?? {}).map(([key, value]) => [key, String(value)]));
  const proxy = `http://127.0.0.1:${input.proxyPort}`;
  const repository = (name: string, data: Record<string, string>): KubeObject => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { ...PART_OF, ...LOCAL_REPOSITORY_LABELS } },
    type: "Opaque",
    stringData: { ...data, insecure: "true", proxy },
  });
  return [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "argocd-cm", namespace: ARGOCD_NAMESPACE, labels: { ...PART_OF, "app.kubernetes.io/name": "argocd-cm" } },
      data: {
        ...synthesized,
        ...localSettings(),
        ...((input.unservedApplications ?? []).length > 0 ? { [APPLICATION_HEALTH_KEY]: unservedApplicationHealth(synthesized[APPLICATION_HEALTH_KEY], input.unservedApplications!) } : {}),
      },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "argocd-secret", namespace: ARGOCD_NAMESPACE, labels: { ...PART_OF, "app.kubernetes.io/name": "argocd-secret" } },
      type: "Opaque",
      stringData: { "server.secretkey": input.serverSecretKey },
    },
    ...input.gitRepositories.map((url) => repository(repositorySecretName("git", url), { type: "git", url })),
    ...input.chartRepositories.map((chartRepository) =>
      repository(repositorySecretName("helm", chartRepository.url), {
        type: "helm",
        name: repositorySecretName("helm", chartRepository.url),
        url: chartRepository.url,
        ...(/^https?:\/\//.test(chartRepository.url) ? {} : { enableOCI: "true" }),
      }),
    ),
  ];
}

/** Named after the URL, so a repository keeps its Secret when others come or go between runs. */
export function repositorySecretName(type: "git" | "helm", url: string): string {
  return `local-${type}-${createHash("sha256").update(url).digest("hex").slice(0, 10)}`;
}

function localSettings(): Record<string, string> {
  const exclusions = LOCAL_EXCLUSIONS.map(({ group, kinds }) => `- apiGroups: ["${group}"]\n  kinds: [${kinds.map((kind) => `"${kind}"`).join(", ")}]\n  clusters: ["*"]`).join("\n");
  const health = Object.fromEntries(
    LOCAL_HEALTH.map(({ groupKind, controller }) => [
      `resource.customizations.health.${groupKind.replace("/", "_")}`,
      `hs = {}\nhs.status = "Healthy"\nhs.message = "local cluster: ${controller} does not run here, so nothing sets this object's status"\nreturn hs\n`,
    ]),
  );
  return { "resource.exclusions": `${exclusions}\n`, ...health, "resource.customizations.health.autoscaling_HorizontalPodAutoscaler": HPA_HEALTH };
}
