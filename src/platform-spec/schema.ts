/**
 * The platform spec: one typed, validated description of a whole EKS platform.
 *
 * Every optional field has a default, and `{}` parses to the reference platform (its
 * values are the defaults docs/spec.md lists). Objects are strict: a misspelt field is an error that names it, never
 * silently ignored. Cross-field rules (sizes, references between teams, namespaces and
 * applications) are in `superRefine` so their messages carry the field path too.
 */
import { z } from "zod";
import { isQuantity, MAX_EXPONENT, NON_NEGATIVE_QUANTITY_PATTERN, quantityNanos, quantityValue } from "../manifest/quantity.js";
import { KUBERNETES } from "../versions.js";
import { ADDON_NAMES, addonDependencyProblems, type AddonName } from "../gitops/addons/catalog.js";
import { nodeGroupLabelProblem } from "./node-labels.js";
import { reservedApplicationName, reservedNamespaceLabel, RESERVED_NAMESPACES, RESERVED_PROJECT_NAMES } from "../gitops/reserved-names.js";
import { analysisTemplateName } from "../gitops/applications/analysis-template.js";
import { applicationSecretName } from "../gitops/applications/external-secret.js";
import { serviceName } from "../gitops/applications/services.js";
import {
  cidr,
  dnsLabel,
  dnsLabelProblem,
  DNS_LABEL_PATTERN,
  githubRepository,
  gitRepositoryUrl,
  gitRevision,
  grammar,
  hostName,
  httpPath,
  IMAGE_PATTERN,
  IMAGE_TAG_PATTERN,
  imageRepositoryProblem,
  imageTagProblem,
  labelKey,
  labelValue,
  prometheusLabelName,
  repositoryPath,
  secretsManagerNamePart,
  goDurationNanos,
  goDurationRangeProblem,
} from "./grammars.js";
import { physicalNameProblems, platformNames } from "./names.js";
import { argocdSpec, argocdSpecProblems } from "./argocd-spec.js";
import { quotaFitProblems } from "./quota-fit.js";
import { podFitProblems } from "./pod-fits-nodes.js";
import { publicHostProblems } from "./public-hosts.js";
import { applicationResourcesProblems } from "./application-resources.js";
import { availabilityZoneProblems } from "../cdk/availability-zones.js";
import { INSTANCE_FAMILY_PATTERN, INSTANCE_SIZE_PATTERN, INSTANCE_TYPE_PATTERN, instanceTypeProblems } from "./ec2-instance-types.js";
import { applicationReplicasProblems, DEFAULT_INITIAL_REPLICAS, DEFAULT_MIN_AVAILABLE, defaultInitialReplicas, defaultMinAvailable } from "./application-replicas.js";

/**
 * Objects Slipway names after an application get these suffixes; the longest one bounds
 * how long an application name may be (object names are RFC 1123 labels of 63 characters).
 */
const APPLICATION_NAME_SUFFIXES = [analysisTemplateName(""), applicationSecretName(""), serviceName("", "canary"), serviceName("", "stable")];
const LONGEST_APPLICATION_SUFFIX = APPLICATION_NAME_SUFFIXES.reduce((longest, suffix) => (suffix.length > longest.length ? suffix : longest));
export const MAX_APPLICATION_NAME = 63 - LONGEST_APPLICATION_SUFFIX.length;
/** An RFC 1123 label that is not a name the platform generates itself. */
function unreservedName(max: number, maxWhy: string | undefined, reserved: (name: string) => string | undefined): z.ZodString {
  return grammar((value) => dnsLabelProblem(value, max, maxWhy) ?? reserved(value), DNS_LABEL_PATTERN);
}

const applicationName = unreservedName(
  MAX_APPLICATION_NAME,
  `Slipway names objects "<name>${LONGEST_APPLICATION_SUFFIX}" and those must fit in 63 characters`,
  (name) => {
    const why = reservedApplicationName(name);
    return why && `is reserved: Argo CD Applications share one namespace and "${name}" belongs to ${why}; rename the application`;
  },
);

const teamName = unreservedName(63, undefined, (name) => {
  const why = RESERVED_PROJECT_NAMES.get(name);
  return why && `is reserved: each team gets an Argo CD AppProject of its name and "${name}" is ${why}; rename the team`;
});

const namespaceName = unreservedName(63, undefined, (name) => {
  const why = RESERVED_NAMESPACES.get(name);
  return (
    why &&
    `cannot be a tenant namespace: ${why}, and tenancy would give it restricted Pod Security and a default-deny network policy; choose another name (reserved: ${[...RESERVED_NAMESPACES.keys()].sort().join(", ")})`
  );
});

/** Kubernetes quantity such as `100Gi`, `500m`, `2`. */
const quantity = z
  .string()
  .regex(new RegExp(NON_NEGATIVE_QUANTITY_PATTERN), "must be a non-negative Kubernetes quantity such as 100Gi, 500m, 2 or 1e3")
  .refine((text) => !isQuantity(text) || quantityValue(text) !== undefined, `must have an exponent within ±${MAX_EXPONENT}`);

const GIBIBYTE_NANOS = 1024n ** 3n * 1_000_000_000n;

/**
 * Size of an EBS gp3 volume claimed through a PersistentVolumeClaim: the API server refuses
 * a claim of 0 (ValidatePersistentVolumeClaimSpec calls ValidatePositiveQuantityValue on
 * the storage request), and EBS volumes are at least 1 GiB.
 */
const volumeSize = quantity.refine((text) => (quantityNanos(text) ?? GIBIBYTE_NANOS) >= GIBIBYTE_NANOS, "must be at least 1Gi: the volume is an EBS gp3 volume (1 GiB at least) and the API server refuses a claim of 0");

/** A NodePool limit: at 0 Karpenter launches no node (it stops once the NodePool's nodes reach their limits). */
const karpenterLimit = quantity.refine((text) => (quantityNanos(text) ?? 1n) > 0n, "must be more than 0: Karpenter launches no node past its NodePools' limits; to run without Karpenter set karpenter.enabled: false");

/** Go duration as Kubernetes controllers read it, e.g. `60s`, `5m`, `168h`. */
const duration = z
  .string()
  .regex(/^([0-9]+(ms|s|m|h))+$/, "must be a duration such as 30s, 5m or 168h")
  .superRefine((text, context) => {
    const problem = goDurationRangeProblem(text);
    if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
  });

/**
 * A Karpenter NodePool duration (`consolidateAfter`, `expireAfter`): hours, minutes and
 * seconds only, or `Never`, the pattern of Karpenter's CRD. A Go duration with `ms` passed
 * the spec and then failed the NodePool's schema.
 */
const karpenterDuration = z
  .string()
  .regex(/^(([0-9]+(s|m|h))+|Never)$/, "must be a duration in hours, minutes and seconds such as 30s, 5m or 168h (Karpenter takes no ms), or Never")
  .superRefine((text, context) => {
    const problem = goDurationRangeProblem(text);
    if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
  });

const labels = z.record(labelKey(), labelValue());

const taint = z.strictObject({
  key: labelKey().describe("Taint key (a label key such as CriticalAddonsOnly)."),
  value: labelValue().default("").describe("Taint value; pods tolerate it by key, value and effect."),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).describe("What the taint does to pods that do not tolerate it."),
});

const nodeGroup = z.strictObject({
  instanceTypes: z.array(z.string().regex(INSTANCE_TYPE_PATTERN, "must be an EC2 instance type such as m6i.large or m7i.metal-24xl (family.size, lowercase)")).min(1).describe("EC2 instance types of the managed node group; each must exist in EC2 (src/generated/ec2-instance-types.ts)."),
  minSize: z.number().int().min(0).describe("Minimum nodes."),
  maxSize: z.number().int().min(1).describe("Maximum nodes (>= minSize)."),
  desiredSize: z.number().int().min(0).optional().describe("Initial nodes (default minSize)."),
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND").describe("EC2 purchase option of the node group."),
  labels: labels.default({}).describe("Kubernetes labels of the nodes."),
  taints: z.array(taint).default([]).describe("Kubernetes taints of the nodes."),
  diskSizeGiB: z.number().int().min(20).max(16384).default(50).describe("Root volume size (encrypted gp3)."),
});

const karpenter = z.strictObject({
  enabled: z.boolean().default(true).describe("Install Karpenter and its NodePools."),
  architectures: z.array(z.enum(["amd64", "arm64"])).min(1).default(["amd64"]).describe("CPU architectures Karpenter may launch."),
  instanceFamilies: z.array(z.string().regex(INSTANCE_FAMILY_PATTERN, "must be an EC2 instance family such as c6i, m7g or r6id (lowercase letters, digits and '-', starting with a letter)")).min(1).default(["c6i", "m6i"]).describe("EC2 instance families Karpenter may launch; each must exist in EC2."),
  instanceSizes: z.array(z.string().regex(INSTANCE_SIZE_PATTERN, "must be an EC2 instance size such as large, 2xlarge or metal-24xl (lowercase letters, digits and '-')")).min(1).default(["large", "xlarge", "2xlarge"]).describe("EC2 instance sizes Karpenter may launch; each must exist for one of instanceFamilies."),
  capacitySplit: z
    .strictObject({
      spot: z.number().int().min(0).max(20).describe("Parts of the capacity on spot instances."),
      onDemand: z.number().int().min(0).max(20).describe("Parts of the capacity on on-demand instances."),
    })
    .prefault({ spot: 4, onDemand: 1 })
    .describe("Share of Karpenter capacity on spot versus on-demand, as whole parts (4:1 = 80% spot). Enforced with the topology-spread technique Karpenter documents, not NodePool weights."),
  limits: z
    .strictObject({
      cpu: karpenterLimit.describe("CPU cores, split between the spot and on-demand NodePools in the capacitySplit ratio."),
      memory: karpenterLimit.describe("Memory, split between the NodePools like cpu."),
    })
    .prefault({ cpu: "1000", memory: "2000Gi" }).describe("Most CPU and memory all Karpenter nodes together may have."),
  consolidateAfter: karpenterDuration.default("60s").describe("Empty or underused nodes are consolidated after this long; Never turns consolidation off."),
  expireAfter: karpenterDuration
    .refine((text) => goDurationNanos(text) !== 0n, "must be longer than 0: Karpenter would replace every node as soon as it started; use Never to keep nodes")
    .default("168h").describe("Nodes are replaced after this long; Never keeps them."),
  rootVolume: z
    .strictObject({
      sizeGiB: z.number().int().min(20).max(16384).default(100).describe("Root volume size in GiB."),
      type: z.enum(["gp3", "gp2", "io2"]).default("gp3").describe("EBS volume type of the root volume."),
      encrypted: z.literal(true).default(true).describe("Root volumes are always encrypted; only true is accepted."),
    })
    .prefault({})
    .describe("EBS root volume of the nodes Karpenter launches (EC2NodeClass blockDeviceMappings)."),
});

const podSecurityLevel = z.enum(["restricted", "baseline", "privileged"]);

const namespace = z.strictObject({
  podSecurity: podSecurityLevel.default("restricted").describe("Pod Security Standards level enforced (and audited, warned) on the namespace."),
  team: dnsLabel().optional().describe("Team that owns the namespace; its quota and AppProject apply."),
  labels: labels.default({}).describe("Extra labels of the Namespace."),
});

/** The Prometheus CRD's Duration (Prometheus' model.Duration): units from largest to smallest, each at most once. */
const PROMETHEUS_DURATION = /^(?=.)(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?$/;

const quota = z.strictObject({
  requestsCpu: quantity.default("20").describe("Sum of CPU requests allowed in each namespace of the team."),
  requestsMemory: quantity.default("40Gi").describe("Sum of memory requests allowed."),
  limitsCpu: quantity.default("40").describe("Sum of CPU limits allowed."),
  limitsMemory: quantity.default("80Gi").describe("Sum of memory limits allowed."),
  persistentVolumeClaims: z.number().int().min(0).default(10).describe("Most PersistentVolumeClaims allowed."),
});

/** An Argo CD Application name a team chooses: any free label (no suffix is added). */
const teamApplicationName = unreservedName(63, undefined, (name) => {
  const why = reservedApplicationName(name);
  return why && `is reserved: Argo CD Applications share one namespace and "${name}" belongs to ${why}; rename the application`;
});

const teamApplication = z.strictObject({
  repoURL: gitRepositoryUrl().optional().describe("Git repository of the manifests (default: the GitOps repository). Must be one of the team's sourceRepos."),
  path: repositoryPath().describe("Folder of the manifests inside that repository (relative, no '..'). In the GitOps repository it must lie outside the folders Slipway writes; the team commits it there (synth warns until `slipway check` finds it)."),
  targetRevision: gitRevision().optional().describe("Branch, tag or commit (default: gitops.targetRevision in the GitOps repository, HEAD in another one)."),
  namespace: dnsLabel().describe("Namespace the manifests go to; must be one of the team's namespaces."),
});

const team = z.strictObject({
  quota: quota.prefault({}).describe("Quota applied to every namespace of the team; it must hold the team's applications at their HPA minimum through a canary (refused otherwise, with the figures)."),
  sourceRepos: z.array(gitRepositoryUrl()).min(1).optional().describe("Git repositories the team's Argo CD AppProject may deploy from (default: the GitOps repository)."),
  applications: z
    .record(teamApplicationName, teamApplication)
    .default({})
    .describe("Extra Argo CD Applications of the team: a folder of the GitOps repository or of another repository, deployed by the team's AppProject after tenancy."),
});

const canaryStep = z.strictObject({
  weight: z.number().int().min(1).max(100).describe("Percentage of pods on the new version at this step."),
  pause: duration.optional().describe("How long to wait before the next step; omit to wait for a manual promotion."),
});

const scalingRule = z.strictObject({
  percent: z.number().int().min(1).max(1000).describe("Percent of current replicas added or removed per period."),
  periodSeconds: z.number().int().min(1).max(1800).describe("Length of the period the percent applies to, in seconds."),
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).describe("Seconds of past recommendations the HPA considers before scaling this way."),
});

const autoscaling = z.strictObject({
  minReplicas: z.number().int().min(1).default(3).describe("Fewest replicas the HPA keeps."),
  maxReplicas: z.number().int().min(1).default(50).describe("Most replicas the HPA scales to."),
  cpuUtilization: z.number().int().min(1).max(100).nullable().default(70).describe("Target average CPU utilisation in percent of requests; null turns it off."),
  memoryUtilization: z.number().int().min(1).max(100).nullable().default(80).describe("Target average memory utilisation in percent of requests; null turns it off."),
  requestsPerSecond: z.number().int().min(1).nullable().default(1000).describe("Target HTTP requests per second per pod (custom metric http_requests_per_second); null turns it off."),
  scaleUp: scalingRule.default({ percent: 100, periodSeconds: 15, stabilizationWindowSeconds: 0 }).describe("HPA scale-up behaviour."),
  scaleDown: scalingRule.default({ percent: 10, periodSeconds: 60, stabilizationWindowSeconds: 300 }).describe("HPA scale-down behaviour."),
});

const resources = z.strictObject({
  requests: z
    .strictObject({ cpu: quantity.describe("CPU requested per container (such as 250m)."), memory: quantity.describe("Memory requested per container (such as 256Mi).") })
    .describe("What the scheduler reserves; HPA utilisation targets are percentages of it."),
  limits: z
    .strictObject({ cpu: quantity.describe("Most CPU the container may use (throttled beyond)."), memory: quantity.describe("Most memory the container may use (killed beyond).") })
    .describe("Most the container may use."),
});

const application = z.strictObject({
  namespace: dnsLabel().describe("Namespace the application runs in."),
  image: grammar(imageRepositoryProblem, IMAGE_PATTERN).optional().describe("Container image repository without tag or digest (`[registry[:port]/]lowercase/path`); the tag is `imageTag`. Default: the platform's ECR repository of the application."),
  imageTag: grammar(imageTagProblem, IMAGE_TAG_PATTERN).default("v1.0.0").describe("Immutable image tag deployed; CI updates it."),
  port: z.number().int().min(1024).max(65535).default(8080).describe("Container port serving HTTP."),
  metricsPort: z.number().int().min(1024).max(65535).default(9090).describe("Port serving Prometheus metrics (path /metrics)."),
  replicas: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(`Replicas before the HPA takes over; within autoscaling.minReplicas and maxReplicas (default ${DEFAULT_INITIAL_REPLICAS}, moved into that range when outside it).`),
  resources: resources
    .prefault({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } })
    .describe("Container requests and limits. The default fits the HPA maximum (50 pods) plus a canary inside the reference team quota (20 CPU, 40Gi of requests)."),
  probes: z
    .strictObject({
      readinessPath: httpPath().default("/ready").describe("Path of the readiness probe; also the ALB's health check when the application has a host."),
      livenessPath: httpPath().default("/healthz").describe("Path of the liveness probe."),
    })
    .prefault({})
    .describe("HTTP path of the readiness and liveness probes."),
  canary: z
    .strictObject({
      steps: z.array(canaryStep).min(1).describe("Weights in the order the canary goes through them, each with its pause."),
      successRate: z.number().min(0).max(1).default(0.99).describe("Share of non-5xx requests the canary must serve in its Prometheus analysis; failed measurements abort the rollout."),
    })
    .default({
      steps: [
        { weight: 5, pause: "5m" },
        { weight: 20, pause: "10m" },
        { weight: 50, pause: "10m" },
        { weight: 80, pause: "10m" },
      ],
      successRate: 0.99,
    })
    .describe("Canary steps; pauses between them."),
  autoscaling: autoscaling.prefault({}).describe("HorizontalPodAutoscaler of the application's Rollout."),
  minAvailable: z
    .union([
      z.number().int().min(1),
      z
        .string()
        .regex(/^[0-9]{1,3}%$/, "must be a whole number of pods (1 or more) or a percentage such as 50%")
        // The API server refuses a PodDisruptionBudget over 100% (IsNotMoreThan100Percent).
        .refine((text) => !/^[0-9]{1,3}%$/.test(text) || Number(text.slice(0, -1)) <= 100, "must be at most 100%"),
    ])
    .optional()
    .describe(`Minimum pods available during voluntary disruptions; it must let one pod go at autoscaling.minReplicas (default ${DEFAULT_MIN_AVAILABLE}, or 0% when minReplicas is 1).`),
  secrets: z.record(
    z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name (A-Z, 0-9, '_', not starting with a digit)")
      // It is also the key of Secret <app>-env, and Secret keys (and the ExternalSecret's secretKey) have at most 253 characters.
      .max(253, "has more than 253 characters: it is also a key of the Secret <app>-env, and the API server allows at most 253"),
    secretsManagerNamePart(),
  ).optional().describe("Secrets Manager secrets (under the platform prefix) exposed to the pod as environment variables."),
  host: hostName({ wildcard: true }).optional().describe("Public host served through the shared ALB (a DNS name such as api.example.com, or *.example.com); omit for an internal service."),
  githubRepository: githubRepository().optional().describe("GitHub repository (owner/name) whose workflow builds the image."),
}).transform((app) => ({ ...app, replicas: app.replicas ?? defaultInitialReplicas(app.autoscaling), minAvailable: app.minAvailable ?? defaultMinAvailable(app.autoscaling) }));

const prometheus = z.strictObject({
  retention: z
    .string()
    .regex(PROMETHEUS_DURATION, "must be a Prometheus duration such as 15d, 90m or 1w3d (units y, w, d, h, m, s, ms, largest first)")
    .refine((text) => !PROMETHEUS_DURATION.test(text) || /[1-9]/.test(text), "must be longer than 0 (a zero retention is no retention setting at all)")
    .default("15d")
    .describe("How long Prometheus keeps metrics."),
  storage: volumeSize.default("100Gi").describe("Prometheus volume size (gp3, at least 1Gi)."),
  replicas: z.number().int().min(1).default(2).describe("Prometheus replicas."),
});

const monitoring = z.strictObject({
  prometheus: prometheus.prefault({}).describe("Prometheus of kube-prometheus-stack."),
  grafana: z
    .strictObject({
      storage: volumeSize.default("10Gi").describe("Grafana volume size (gp3, at least 1Gi)."),
      host: hostName().optional().describe("Public host of Grafana behind the shared ALB (the ACM certificate covers it); omit to keep Grafana internal."),
    })
    .prefault({})
    .describe("Grafana of kube-prometheus-stack, with Prometheus, Loki and Tempo as data sources."),
  alertmanager: z
    .strictObject({
      slackChannel: z.string().regex(/^#[a-z0-9][a-z0-9_-]{0,79}$/, "must be a Slack channel such as #alerts (lowercase letters, digits, '-', '_', at most 80)").default("#alerts").describe("Slack channel the alerts go to."),
      groupBy: z.array(prometheusLabelName()).min(1).default(["alertname", "namespace"]).describe("Labels whose values group alerts into one notification."),
    })
    .prefault({})
    .describe("Alertmanager routes to Slack; its webhook URL comes from Secrets Manager, never the repository."),
  logRetention: duration.default("744h").describe("How long Loki keeps logs (its retention period)."),
  traceRetention: duration.default("336h").describe("How long Tempo keeps traces (its retention period)."),
});

const gitops = z.strictObject({
  repoURL: gitRepositoryUrl().default("https://github.com/example-org/platform-gitops.git").describe("Git repository Argo CD reads the synthesized GitOps tree from."),
  targetRevision: gitRevision().default("main").describe("Branch or tag Argo CD follows."),
  path: repositoryPath().default(".").describe("Folder of the GitOps tree inside the repository."),
  argocdHost: hostName().default("argocd.example.com").describe("Host name of the Argo CD UI behind the ALB (ACM certificate for it)."),
});

/** Why a Helm value cannot be written as YAML Argo CD reads back the same, or undefined. */
function helmValueProblem(value: unknown): string | undefined {
  if (typeof value === "number" && !Number.isFinite(value)) return `must be a finite number, got ${String(value)} (YAML reads 1e400 as Infinity)`;
  if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") return `must be a string, number, boolean, null, list or map, not ${typeof value}`;
  return undefined;
}

const FORBIDDEN_VALUE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Helm values: plain YAML data, walked so each problem names its own path. */
const helmValues = z.record(z.string(), z.unknown()).superRefine((values, context) => {
  const walk = (value: unknown, path: (string | number)[]) => {
    const problem = helmValueProblem(value);
    if (problem !== undefined) context.addIssue({ code: "custom", path, message: problem });
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN_VALUE_KEYS.has(key)) context.addIssue({ code: "custom", path: [...path, key], message: `"${key}" is not allowed as a values key` });
        else walk(item, [...path, key]);
      }
    }
  };
  walk(values, []);
});

const addonOverride = z.strictObject({
  enabled: z.boolean().default(true).describe("Install the add-on. Turning off an add-on something else needs is refused, naming what needs it."),
  version: z
    .string()
    .regex(/^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, "must be a chart version such as 1.2.3 (semantic version, optional leading v)")
    .optional()
    .describe("Chart version instead of the pin in src/versions.ts; the chart values are validated against this version's chart."),
  values: helmValues
    .optional()
    .describe("Helm values merged over the platform's own: objects merge key by key, arrays and scalars replace (Helm's rule for several values files)."),
});

const addons = z
  .strictObject(Object.fromEntries(ADDON_NAMES.map((name) => [name, addonOverride.prefault({}).describe(`The ${name} add-on (Argo CD Application ${name}).`)])) as Record<AddonName, z.ZodPrefault<typeof addonOverride>>)
  .prefault({})
  .describe("Per add-on switch, chart version and values overrides, by add-on name.");

export const platformSpecSchema = z
  .strictObject({
    aws: z
      .strictObject({
        account: z.string().regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id").default("111122223333").describe("AWS account id (12 digits) of the platform; role ARNs, bucket names and ECR URIs derive from it."),
        region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, "must be an AWS region such as eu-west-1").default("eu-west-1").describe("AWS region of the platform; one whose availability zones Slipway knows (src/cdk/availability-zones.ts)."),
      })
      .prefault({})
      .describe("AWS account and region the platform lives in."),
    cluster: z
      .strictObject({
        name: dnsLabel(100, "EKS cluster names have at most 100 characters").default("production-cluster").describe("EKS cluster name; prefixes every AWS resource name."),
        kubernetesVersion: z.enum(KUBERNETES.supported).default(KUBERNETES.defaultVersion).describe("Kubernetes version of a new cluster (versions in EKS standard support)."),
        publicAccessCidrs: z.array(cidr()).min(1).default(["203.0.113.0/24"]).describe("CIDRs allowed to reach the public API endpoint."),
        allowPublicEndpointFromAnywhere: z.boolean().default(false).describe("Must be true to allow 0.0.0.0/0 on the public endpoint."),
        vpcCidr: cidr({ minPrefix: 16, maxPrefix: 24, why: "an EKS VPC needs /16 to /24 to fit subnets in every availability zone" }).default("10.0.0.0/16").describe("CIDR of the VPC."),
        availabilityZones: z.number().int().min(2).max(6).default(3).describe("Availability zones the VPC and node groups span; at most as many as the region has."),
        natGateways: z.enum(["one-per-az", "single"]).default("one-per-az").describe("One NAT gateway per AZ (resilient) or a single one (cheaper)."),
        adminRoleArn: z
          .string()
          .regex(/^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, "must be an IAM role ARN such as arn:aws:iam::111122223333:role/platform-admin (role names use letters, digits and +=,.@_-)")
          .optional().describe("IAM role ARN granted cluster admin through an access entry."),
      })
      .prefault({})
      .describe("The EKS cluster and its VPC."),
    nodeGroups: z.record(dnsLabel(), nodeGroup).prefault({
      system: {
        instanceTypes: ["m6i.large"],
        minSize: 2,
        maxSize: 4,
        capacityType: "ON_DEMAND",
        labels: { role: "system" },
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
        diskSizeGiB: 50,
      },
      application: {
        instanceTypes: ["c6i.xlarge", "c6i.2xlarge"],
        minSize: 2,
        maxSize: 20,
        capacityType: "ON_DEMAND",
        labels: { role: "application" },
        taints: [],
        diskSizeGiB: 100,
      },
    }).describe("EKS managed node groups, by name (the reference platform: `system`, tainted CriticalAddonsOnly, and `application`); Karpenter adds nodes beyond them."),
    karpenter: karpenter.prefault({}).describe("Karpenter's NodePools and EC2NodeClass: what it may launch and how much."),
    addons,
    argocd: argocdSpec,
    gitops: gitops.prefault({}).describe("The Git repository Argo CD syncs the GitOps tree from."),
    namespaces: z.record(namespaceName, namespace).prefault({
      production: { podSecurity: "restricted", team: "team-a", labels: {} },
      staging: { podSecurity: "restricted", team: "team-a", labels: {} },
      development: { podSecurity: "restricted", team: "team-a", labels: {} },
    }).describe("Tenant namespaces, by name: Pod Security level, owning team, labels."),
    teams: z.record(teamName, team).prefault({ "team-a": {} }).describe("Teams, by name: each gets an Argo CD AppProject and a quota on its namespaces."),
    applications: z.record(applicationName, application).prefault({ "api-server": { namespace: "production" } }).describe("Applications, by name: each becomes an Argo Rollouts canary with its HPA, Services and GitHub Actions workflow."),
    monitoring: monitoring.prefault({}).describe("Metrics, dashboards, alerts, logs and traces."),
    secretsPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_+=.@-]+(\/[A-Za-z0-9_+=.@-]+)*\/$/, "must be a Secrets Manager name prefix (A-Z, a-z, 0-9, /_+=.@-) ending with '/', such as platform/")
      .max(256)
      .optional()
      .describe("Prefix of Secrets Manager secret names the platform may read (default: the cluster name and '/')."),
  })
  .superRefine((spec, context) => {
    for (const [name, group] of Object.entries(spec.nodeGroups)) {
      if (group.maxSize < group.minSize) {
        context.addIssue({ code: "custom", path: ["nodeGroups", name, "maxSize"], message: `must be >= minSize (${group.minSize})` });
      }
      if (group.desiredSize !== undefined && (group.desiredSize < group.minSize || group.desiredSize > group.maxSize)) {
        context.addIssue({
          code: "custom",
          path: ["nodeGroups", name, "desiredSize"],
          message: `must be between minSize (${group.minSize}) and maxSize (${group.maxSize})`,
        });
      }
    }
    // Karpenter's controller, CoreDNS and the add-ons run on managed nodes, and nothing scales a
    // managed node group up from 0 (there is no Cluster Autoscaler): without a first node nothing ever runs.
    if (Object.values(spec.nodeGroups).every((group) => (group.desiredSize ?? group.minSize) === 0)) {
      context.addIssue({
        code: "custom",
        path: ["nodeGroups"],
        message: `${Object.keys(spec.nodeGroups).length === 0 ? "has no node group" : "starts with no node (desiredSize, default minSize, is 0 in every group)"}: Karpenter's controller, CoreDNS and the add-ons run on managed nodes and nothing scales a node group up from 0, so no pod would ever run; give a node group minSize 1 or more (the reference platform's system group has 2)`,
      });
    }
    if (spec.cluster.publicAccessCidrs.includes("0.0.0.0/0") && !spec.cluster.allowPublicEndpointFromAnywhere) {
      context.addIssue({
        code: "custom",
        path: ["cluster", "publicAccessCidrs"],
        message: "0.0.0.0/0 opens the API endpoint to the internet; set cluster.allowPublicEndpointFromAnywhere: true if that is intended",
      });
    }
    for (const problem of availabilityZoneProblems(spec.aws.region, spec.cluster.availabilityZones)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    const split = spec.karpenter.capacitySplit;
    if (split.spot + split.onDemand === 0) {
      context.addIssue({ code: "custom", path: ["karpenter", "capacitySplit"], message: "spot + onDemand must be at least 1" });
    }
    for (const problem of addonDependencyProblems(spec)) context.addIssue({ code: "custom", path: problem.path, message: problem.message });
    for (const problem of physicalNameProblems(spec)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    for (const problem of argocdSpecProblems(spec.argocd, platformNames(spec).partition)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    for (const [name, group] of Object.entries(spec.nodeGroups)) {
      for (const key of Object.keys(group.labels)) {
        const why = nodeGroupLabelProblem(key);
        if (why !== undefined) context.addIssue({ code: "custom", path: ["nodeGroups", name, "labels", key], message: `is a label a node group cannot set: ${why}` });
      }
    }
    for (const problem of publicHostProblems(spec)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    for (const problem of quotaFitProblems(spec)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    for (const problem of podFitProblems(spec)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    for (const problem of instanceTypeProblems(spec)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
    const teams = Object.keys(spec.teams);
    for (const [name, ns] of Object.entries(spec.namespaces)) {
      for (const key of Object.keys(ns.labels)) {
        const why = reservedNamespaceLabel(key);
        if (why !== undefined) context.addIssue({ code: "custom", path: ["namespaces", name, "labels", key], message: `is a label the platform does not let a spec set: ${why}` });
      }
      // Own keys only: "constructor" is a valid name and `in` would find Object.prototype's.
      if (ns.team !== undefined && !Object.hasOwn(spec.teams, ns.team)) {
        context.addIssue({
          code: "custom",
          path: ["namespaces", name, "team"],
          message: `team "${ns.team}" is not defined; defined teams: ${teams.join(", ") || "(none)"}`,
        });
      }
    }
    const namespaces = Object.keys(spec.namespaces);
    const applicationOwners = new Map<string, string>(Object.keys(spec.applications).map((name) => [name, `applications.${name}`]));
    for (const [teamName, teamSpec] of Object.entries(spec.teams)) {
      const owned = Object.entries(spec.namespaces).filter(([, ns]) => ns.team === teamName).map(([name]) => name);
      const sourceRepos = teamSpec.sourceRepos ?? [spec.gitops.repoURL];
      for (const [name, application] of Object.entries(teamSpec.applications)) {
        const path = ["teams", teamName, "applications", name];
        const previous = applicationOwners.get(name);
        if (previous !== undefined) {
          context.addIssue({ code: "custom", path, message: `the name "${name}" is already used by ${previous}; Argo CD Applications share one namespace, so rename one of them` });
        }
        applicationOwners.set(name, path.join("."));
        const defined = Object.hasOwn(spec.namespaces, application.namespace);
        const owner = defined ? spec.namespaces[application.namespace]!.team : undefined;
        if (owner !== teamName) {
          const why = !defined ? "is not defined" : owner === undefined ? "belongs to no team" : `belongs to team "${owner}"`;
          context.addIssue({
            code: "custom",
            path: [...path, "namespace"],
            message: `namespace "${application.namespace}" ${why}; team "${teamName}" may deploy only to its own namespaces: ${owned.sort().join(", ") || "(none: give a namespace team: " + teamName + ")"}`,
          });
        }
        const repoURL = application.repoURL ?? spec.gitops.repoURL;
        if (!sourceRepos.some((pattern) => globMatches(pattern, repoURL))) {
          context.addIssue({
            code: "custom",
            path: [...path, "repoURL"],
            message: `${repoURL} is not among the team's source repositories (${sourceRepos.join(", ")}), so Argo CD would refuse it; add it to teams.${teamName}.sourceRepos`,
          });
        }
      }
    }
    for (const [name, app] of Object.entries(spec.applications)) {
      if (!Object.hasOwn(spec.namespaces, app.namespace)) {
        context.addIssue({
          code: "custom",
          path: ["applications", name, "namespace"],
          message: `namespace "${app.namespace}" is not defined; defined namespaces: ${namespaces.join(", ") || "(none)"}`,
        });
      }
      const scaling = app.autoscaling;
      if (scaling.maxReplicas < scaling.minReplicas) {
        context.addIssue({
          code: "custom",
          path: ["applications", name, "autoscaling", "maxReplicas"],
          message: `must be >= minReplicas (${scaling.minReplicas})`,
        });
      }
      if (scaling.cpuUtilization === null && scaling.memoryUtilization === null && scaling.requestsPerSecond === null) {
        context.addIssue({ code: "custom", path: ["applications", name, "autoscaling"], message: "needs at least one metric (cpuUtilization, memoryUtilization or requestsPerSecond)" });
      }
      let previous = 0;
      app.canary.steps.forEach((step, index) => {
        if (step.weight <= previous) {
          context.addIssue({
            code: "custom",
            path: ["applications", name, "canary", "steps", index, "weight"],
            message: `must be greater than the previous step's weight (${previous})`,
          });
        }
        previous = step.weight;
      });
      for (const problem of applicationResourcesProblems(name, app.resources, app.autoscaling)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
      for (const problem of applicationReplicasProblems(name, app)) context.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
      if (app.port === app.metricsPort) {
        context.addIssue({ code: "custom", path: ["applications", name, "metricsPort"], message: `must differ from port (${app.port})` });
      }
    }
  });

/** Argo CD's AppProject sourceRepos match: exact, or '*' as any run of characters. */
function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const expression = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${expression}$`).test(value);
}

/** What a user writes: every field optional. */
export type PlatformSpecInput = z.input<typeof platformSpecSchema>;
/** The validated spec with every default applied. */
export type PlatformSpec = z.output<typeof platformSpecSchema>;
export type NodeGroupSpec = PlatformSpec["nodeGroups"][string];
export type NamespaceSpec = PlatformSpec["namespaces"][string];
export type TeamSpec = PlatformSpec["teams"][string];
export type ApplicationSpec = PlatformSpec["applications"][string];

/** `defineConfig` gives editors the spec's types in `slipway.config.ts`. */
export function defineConfig(config: PlatformSpecInput): PlatformSpecInput {
  return config;
}
