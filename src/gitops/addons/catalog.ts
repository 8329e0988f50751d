/**
 * Every add-on Slipway installs, by the name of its Argo CD Application, in the order
 * their files are listed, each with what needs it. This list is the one place add-on
 * names come from: the spec's `addons` keys, the names applications may not take and
 * the dependency check that refuses to turn off an add-on something still uses.
 */
import type { PlatformSpec } from "../../platform-spec/schema.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { awsLoadBalancerControllerGenerator } from "./aws-load-balancer-controller.js";
import { karpenterGenerator } from "./karpenter.js";
import { metricsServerGenerator } from "./metrics-server.js";
import { externalSecretsGenerator } from "./external-secrets.js";
import { certManagerGenerator } from "./cert-manager.js";
import { secretsStoreCsiDriverGenerator } from "./secrets-store-csi-driver.js";
import { secretsStoreCsiProviderAwsGenerator } from "./secrets-store-csi-driver-provider-aws.js";
import { argoRolloutsGenerator } from "./argo-rollouts.js";
import { kubePrometheusStackGenerator } from "./kube-prometheus-stack.js";
import { lokiGenerator } from "./loki.js";
import { tempoGenerator } from "./tempo.js";
import { alloyGenerator } from "./alloy.js";
import { prometheusAdapterGenerator } from "./prometheus-adapter.js";

export const ADDON_NAMES = [
  "aws-load-balancer-controller",
  "karpenter",
  "metrics-server",
  "external-secrets",
  "cert-manager",
  "secrets-store-csi-driver",
  "secrets-store-csi-driver-provider-aws",
  "argo-rollouts",
  "kube-prometheus-stack",
  "loki",
  "tempo",
  "alloy",
  "prometheus-adapter",
] as const;

export type AddonName = (typeof ADDON_NAMES)[number];

/** Something in a spec that needs an add-on: a spec field path or another add-on, and why. */
export interface Dependant {
  readonly what: string;
  readonly why: string;
}

export interface AddonDefinition {
  /** Name of the add-on's Argo CD Application (and its key under the spec's `addons`). */
  readonly name: AddonName;
  readonly generate: GitOpsGenerator;
  /** What in `spec` needs this add-on; turning it off is refused while this is not empty. */
  readonly dependants: (spec: PlatformSpec) => Dependant[];
}

/**
 * Whether an add-on is installed. Karpenter also has the older `karpenter.enabled`,
 * which turns off its AWS side too; either switch turns it off.
 */
export function addonEnabled(spec: PlatformSpec, name: AddonName): boolean {
  if (name === "karpenter" && !spec.karpenter.enabled) return false;
  return spec.addons[name].enabled;
}

const addon =
  (name: AddonName, why: string) =>
  (spec: PlatformSpec): Dependant[] =>
    addonEnabled(spec, name) ? [{ what: `addons.${name}`, why }] : [];

const applications =
  (why: string, uses: (application: PlatformSpec["applications"][string]) => boolean = () => true) =>
  (spec: PlatformSpec): Dependant[] =>
    Object.entries(spec.applications)
      .filter(([, application]) => uses(application))
      .map(([name]) => ({ what: `applications.${name}`, why }));

const all =
  (...sources: ((spec: PlatformSpec) => Dependant[])[]) =>
  (spec: PlatformSpec): Dependant[] =>
    sources.flatMap((source) => source(spec));

const none = (): Dependant[] => [];

export const ADDONS: readonly AddonDefinition[] = [
  {
    name: "aws-load-balancer-controller",
    generate: awsLoadBalancerControllerGenerator,
    dependants: all(
      () => [{ what: "gitops.argocdHost", why: "Argo CD's UI is served through an ALB Ingress" }],
      (spec) => (spec.monitoring.grafana.host === undefined ? [] : [{ what: "monitoring.grafana.host", why: "Grafana is served through an ALB Ingress" }]),
      applications("its host is served through an ALB Ingress", (application) => application.host !== undefined),
    ),
  },
  { name: "karpenter", generate: karpenterGenerator, dependants: none },
  {
    name: "metrics-server",
    generate: metricsServerGenerator,
    dependants: applications(
      "its HPA scales on CPU or memory, which metrics-server serves",
      (application) => application.autoscaling.cpuUtilization !== null || application.autoscaling.memoryUtilization !== null,
    ),
  },
  {
    name: "external-secrets",
    generate: externalSecretsGenerator,
    dependants: all(
      addon("kube-prometheus-stack", "the Grafana admin and Alertmanager Slack webhook Secrets are ExternalSecrets"),
      applications("its environment Secret is an ExternalSecret"),
    ),
  },
  {
    name: "cert-manager",
    generate: certManagerGenerator,
    dependants: all(
      addon("aws-load-balancer-controller", "its webhook serves a cert-manager Certificate (enableCertManager)"),
      addon("kube-prometheus-stack", "the Prometheus Operator's admission webhook serves a cert-manager Certificate"),
    ),
  },
  {
    name: "secrets-store-csi-driver",
    generate: secretsStoreCsiDriverGenerator,
    dependants: addon("secrets-store-csi-driver-provider-aws", "it is a provider plugin of the driver"),
  },
  { name: "secrets-store-csi-driver-provider-aws", generate: secretsStoreCsiProviderAwsGenerator, dependants: none },
  { name: "argo-rollouts", generate: argoRolloutsGenerator, dependants: applications("it is deployed as an Argo Rollouts canary") },
  {
    name: "kube-prometheus-stack",
    generate: kubePrometheusStackGenerator,
    dependants: all(
      addon("prometheus-adapter", "it serves custom metrics from Prometheus"),
      applications("its ServiceMonitor and canary analysis need the Prometheus Operator and Prometheus"),
    ),
  },
  {
    name: "loki",
    generate: lokiGenerator,
    dependants: all(addon("alloy", "it ships logs to Loki"), addon("kube-prometheus-stack", "Grafana has a Loki data source")),
  },
  { name: "tempo", generate: tempoGenerator, dependants: addon("kube-prometheus-stack", "Grafana has a Tempo data source") },
  { name: "alloy", generate: alloyGenerator, dependants: none },
  {
    name: "prometheus-adapter",
    generate: prometheusAdapterGenerator,
    dependants: applications(
      "its HPA scales on requests per second, a custom metric prometheus-adapter serves",
      (application) => application.autoscaling.requestsPerSecond !== null,
    ),
  },
];

/** `addons.<name>.enabled: false` while something needs the add-on, one problem per add-on. */
export function addonDependencyProblems(spec: PlatformSpec): { path: string[]; message: string }[] {
  return ADDONS.filter((definition) => spec.addons[definition.name].enabled === false)
    .map((definition) => ({ definition, dependants: definition.dependants(spec) }))
    .filter(({ dependants }) => dependants.length > 0)
    .map(({ definition, dependants }) => ({
      path: ["addons", definition.name, "enabled"],
      message: `cannot be false: ${dependants.map((dependant) => `${dependant.what} (${dependant.why})`).join("; ")}; turn those off or remove them too, or keep ${definition.name}`,
    }));
}
