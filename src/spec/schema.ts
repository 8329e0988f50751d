/**
 * The platform spec: one typed, validated description of a whole EKS platform.
 *
 * Every optional field has a default, and `{}` parses to the reference platform (its
 * values are the defaults docs/spec.md lists). Objects are strict: a misspelt field is an error that names it, never
 * silently ignored. Cross-field rules (sizes, references between teams, namespaces and
 * applications) are in `superRefine` so their messages carry the field path too.
 */
import { z } from "zod";
import { isQuantity, MAX_EXPONENT, NON_NEGATIVE_QUANTITY_PATTERN, quantityValue } from "../manifest/quantity.js";
import { KUBERNETES } from "../versions.js";

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase DNS label (a-z, 0-9, '-')")
  .max(63);

/** Kubernetes quantity such as `100Gi`, `500m`, `2`. */
const quantity = z
  .string()
  .regex(new RegExp(NON_NEGATIVE_QUANTITY_PATTERN), "must be a non-negative Kubernetes quantity such as 100Gi, 500m, 2 or 1e3")
  .refine((text) => !isQuantity(text) || quantityValue(text) !== undefined, `must have an exponent within ±${MAX_EXPONENT}`);

/** Go duration as Kubernetes controllers read it, e.g. `60s`, `5m`, `168h`. */
const duration = z
  .string()
  .regex(/^([0-9]+(ms|s|m|h))+$/, "must be a duration such as 30s, 5m or 168h");

const taint = z.strictObject({
  key: z.string().min(1),
  value: z.string().default(""),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});

const nodeGroup = z.strictObject({
  instanceTypes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, "must be an EC2 instance type such as m6i.large")).min(1).describe("EC2 instance types of the managed node group."),
  minSize: z.number().int().min(0).describe("Minimum nodes."),
  maxSize: z.number().int().min(1).describe("Maximum nodes (>= minSize)."),
  desiredSize: z.number().int().min(0).optional().describe("Initial nodes (default minSize)."),
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND").describe("EC2 purchase option of the node group."),
  labels: z.record(z.string(), z.string()).default({}).describe("Kubernetes labels of the nodes."),
  taints: z.array(taint).default([]).describe("Kubernetes taints of the nodes."),
  diskSizeGiB: z.number().int().min(20).max(16384).default(50).describe("Root volume size (encrypted gp3)."),
});

const karpenter = z.strictObject({
  enabled: z.boolean().default(true).describe("Install Karpenter and its NodePools."),
  architectures: z.array(z.enum(["amd64", "arm64"])).min(1).default(["amd64"]).describe("CPU architectures Karpenter may launch."),
  instanceFamilies: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1).default(["c6i", "m6i"]).describe("EC2 instance families Karpenter may launch."),
  instanceSizes: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1).default(["large", "xlarge", "2xlarge"]).describe("EC2 instance sizes Karpenter may launch."),
  capacitySplit: z
    .strictObject({ spot: z.number().int().min(0).max(20), onDemand: z.number().int().min(0).max(20) })
    .prefault({ spot: 4, onDemand: 1 })
    .describe("Share of Karpenter capacity on spot versus on-demand, as whole parts (4:1 = 80% spot). Enforced with the topology-spread technique Karpenter documents, not NodePool weights."),
  limits: z.strictObject({ cpu: quantity, memory: quantity }).prefault({ cpu: "1000", memory: "2000Gi" }).describe("Most CPU and memory all Karpenter nodes together may have."),
  consolidateAfter: duration.default("60s").describe("Empty or underused nodes are consolidated after this long."),
  expireAfter: duration.default("168h").describe("Nodes are replaced after this long."),
  rootVolume: z
    .strictObject({
      sizeGiB: z.number().int().min(20).max(16384).default(100),
      type: z.enum(["gp3", "gp2", "io2"]).default("gp3"),
      encrypted: z.literal(true).default(true),
    })
    .prefault({}),
});

const podSecurityLevel = z.enum(["restricted", "baseline", "privileged"]);

const namespace = z.strictObject({
  podSecurity: podSecurityLevel.default("restricted").describe("Pod Security Standards level enforced (and audited, warned) on the namespace."),
  team: dnsLabel.optional().describe("Team that owns the namespace; its quota and AppProject apply."),
  labels: z.record(z.string(), z.string()).default({}),
});

const quota = z.strictObject({
  requestsCpu: quantity.default("20").describe("Sum of CPU requests allowed in each namespace of the team."),
  requestsMemory: quantity.default("40Gi").describe("Sum of memory requests allowed."),
  limitsCpu: quantity.default("40").describe("Sum of CPU limits allowed."),
  limitsMemory: quantity.default("80Gi").describe("Sum of memory limits allowed."),
  persistentVolumeClaims: z.number().int().min(0).default(10).describe("Most PersistentVolumeClaims allowed."),
});

const team = z.strictObject({
  quota: quota.prefault({}).describe("Quota applied to every namespace of the team."),
  sourceRepos: z.array(z.string().min(1)).optional().describe("Git repositories the team's Argo CD AppProject may deploy from."),
});

const canaryStep = z.strictObject({
  weight: z.number().int().min(1).max(100).describe("Percentage of pods on the new version at this step."),
  pause: duration.optional().describe("How long to wait before the next step; omit to wait for a manual promotion."),
});

const scalingRule = z.strictObject({
  percent: z.number().int().min(1).max(1000).describe("Percent of current replicas added or removed per period."),
  periodSeconds: z.number().int().min(1).max(1800),
  stabilizationWindowSeconds: z.number().int().min(0).max(3600),
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
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ cpu: quantity, memory: quantity }),
});

const application = z.strictObject({
  namespace: dnsLabel.describe("Namespace the application runs in."),
  image: z.string().min(1).optional().describe("Container image without tag; the tag is `imageTag`."),
  imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a Docker tag").default("v1.0.0").describe("Immutable image tag deployed; CI updates it."),
  port: z.number().int().min(1024).max(65535).default(8080).describe("Container port serving HTTP."),
  metricsPort: z.number().int().min(1024).max(65535).default(9090).describe("Port serving Prometheus metrics (path /metrics)."),
  replicas: z.number().int().min(1).default(10).describe("Replicas before the HPA takes over."),
  resources: resources
    .prefault({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } })
    .describe("Container requests and limits. The default fits the HPA maximum (50 pods) plus a canary inside the reference team quota (20 CPU, 40Gi of requests)."),
  probes: z
    .strictObject({ readinessPath: z.string().startsWith("/").default("/ready"), livenessPath: z.string().startsWith("/").default("/healthz") })
    .prefault({})
    .describe("HTTP path of the readiness and liveness probes."),
  canary: z
    .strictObject({
      steps: z.array(canaryStep).min(1),
      successRate: z.number().min(0).max(1).default(0.99),
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
  autoscaling: autoscaling.prefault({}),
  minAvailable: z.union([z.number().int().min(1), z.string().regex(/^[0-9]{1,3}%$/)]).default("50%").describe("Minimum pods available during voluntary disruptions."),
  secrets: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name"), z.string().min(1)).optional().describe("Secrets Manager secrets (under the platform prefix) exposed to the pod as environment variables."),
  host: z.string().optional().describe("Public host served through the shared ALB; omit for an internal service."),
  githubRepository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/).optional().describe("GitHub repository (owner/name) whose workflow builds the image."),
});

const prometheus = z.strictObject({
  retention: z.string().regex(/^[0-9]+(h|d|w|y)$/).default("15d").describe("How long Prometheus keeps metrics."),
  storage: quantity.default("100Gi").describe("Prometheus volume size (gp3)."),
  replicas: z.number().int().min(1).default(2).describe("Prometheus replicas."),
});

const monitoring = z.strictObject({
  prometheus: prometheus.prefault({}),
  grafana: z.strictObject({ storage: quantity.default("10Gi"), host: z.string().optional() }).prefault({}),
  alertmanager: z
    .strictObject({
      slackChannel: z.string().startsWith("#").default("#alerts"),
      groupBy: z.array(z.string().min(1)).min(1).default(["alertname", "namespace"]),
    })
    .prefault({})
    .describe("Alertmanager routes to Slack; its webhook URL comes from Secrets Manager, never the repository."),
  logRetention: duration.default("744h").describe("How long Loki keeps logs (its retention period)."),
  traceRetention: duration.default("336h").describe("How long Tempo keeps traces (its retention period)."),
});

const gitops = z.strictObject({
  repoURL: z.string().min(1).default("https://github.com/example-org/platform-gitops.git").describe("Git repository Argo CD reads the synthesized GitOps tree from."),
  targetRevision: z.string().min(1).default("main").describe("Branch or tag Argo CD follows."),
  path: z.string().default(".").describe("Folder of the GitOps tree inside the repository."),
  argocdHost: z.string().min(1).default("argocd.example.com").describe("Host name of the Argo CD UI behind the ALB (ACM certificate for it)."),
});

export const platformSpecSchema = z
  .strictObject({
    aws: z
      .strictObject({
        account: z.string().regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id").default("111122223333").describe("AWS account id (12 digits) of the platform; role ARNs, bucket names and ECR URIs derive from it."),
        region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, "must be an AWS region such as eu-west-1").default("eu-west-1").describe("AWS region of the platform."),
      })
      .prefault({})
      .describe("AWS account and region the platform lives in."),
    cluster: z
      .strictObject({
        name: dnsLabel.default("production-cluster").describe("EKS cluster name; prefixes every AWS resource name."),
        kubernetesVersion: z.enum(KUBERNETES.supported).default(KUBERNETES.defaultVersion).describe("Kubernetes version of a new cluster (versions in EKS standard support)."),
        publicAccessCidrs: z.array(z.string().regex(/^[0-9.]+\/[0-9]+$/, "must be an IPv4 CIDR")).min(1).default(["203.0.113.0/24"]).describe("CIDRs allowed to reach the public API endpoint."),
        allowPublicEndpointFromAnywhere: z.boolean().default(false).describe("Must be true to allow 0.0.0.0/0 on the public endpoint."),
        vpcCidr: z.string().regex(/^[0-9.]+\/[0-9]+$/).default("10.0.0.0/16").describe("CIDR of the VPC."),
        availabilityZones: z.number().int().min(2).max(6).default(3).describe("Availability zones the VPC and node groups span."),
        natGateways: z.enum(["one-per-az", "single"]).default("one-per-az").describe("One NAT gateway per AZ (resilient) or a single one (cheaper)."),
        adminRoleArn: z.string().regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/).optional().describe("IAM role ARN granted cluster admin through an access entry."),
      })
      .prefault({}),
    nodeGroups: z.record(dnsLabel, nodeGroup).prefault({
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
    }),
    karpenter: karpenter.prefault({}),
    gitops: gitops.prefault({}),
    namespaces: z.record(dnsLabel, namespace).prefault({
      production: { podSecurity: "restricted", team: "team-a", labels: {} },
      staging: { podSecurity: "restricted", team: "team-a", labels: {} },
      development: { podSecurity: "restricted", team: "team-a", labels: {} },
    }),
    teams: z.record(dnsLabel, team).prefault({ "team-a": {} }),
    applications: z.record(dnsLabel, application).prefault({ "api-server": { namespace: "production" } }),
    monitoring: monitoring.prefault({}),
    secretsPrefix: z
      .string()
      .regex(/^[A-Za-z0-9/_+=.@-]+\/$/, "must end with '/'")
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
    if (spec.cluster.publicAccessCidrs.includes("0.0.0.0/0") && !spec.cluster.allowPublicEndpointFromAnywhere) {
      context.addIssue({
        code: "custom",
        path: ["cluster", "publicAccessCidrs"],
        message: "0.0.0.0/0 opens the API endpoint to the internet; set cluster.allowPublicEndpointFromAnywhere: true if that is intended",
      });
    }
    const split = spec.karpenter.capacitySplit;
    if (split.spot + split.onDemand === 0) {
      context.addIssue({ code: "custom", path: ["karpenter", "capacitySplit"], message: "spot + onDemand must be at least 1" });
    }
    const teams = Object.keys(spec.teams);
    for (const [name, ns] of Object.entries(spec.namespaces)) {
      if (ns.team !== undefined && !(ns.team in spec.teams)) {
        context.addIssue({
          code: "custom",
          path: ["namespaces", name, "team"],
          message: `team "${ns.team}" is not defined; defined teams: ${teams.join(", ") || "(none)"}`,
        });
      }
    }
    const namespaces = Object.keys(spec.namespaces);
    for (const [name, app] of Object.entries(spec.applications)) {
      if (!(app.namespace in spec.namespaces)) {
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
      if (app.port === app.metricsPort) {
        context.addIssue({ code: "custom", path: ["applications", name, "metricsPort"], message: `must differ from port (${app.port})` });
      }
    }
  });

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
