/**
 * The platform spec: one typed, validated description of a whole EKS platform.
 *
 * Every optional field has a default, and `{}` parses to the reference platform of
 * DESIGN.md. Objects are strict: a misspelt field is an error that names it, never
 * silently ignored. Cross-field rules (sizes, references between teams, namespaces and
 * applications) are in `superRefine` so their messages carry the field path too.
 */
import { z } from "zod";
import { KUBERNETES } from "../versions.js";

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase DNS label (a-z, 0-9, '-')")
  .max(63);

/** Kubernetes quantity such as `100Gi`, `500m`, `2`. */
const quantity = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|M|G|T|P)?$/, "must be a Kubernetes quantity such as 100Gi, 500m or 2");

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
  /** EC2 instance types of the managed node group. */
  instanceTypes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, "must be an EC2 instance type such as m6i.large")).min(1),
  minSize: z.number().int().min(0),
  maxSize: z.number().int().min(1),
  /** @default minSize */
  desiredSize: z.number().int().min(0).optional(),
  /** @default "ON_DEMAND" */
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
  /** @default {} */
  labels: z.record(z.string(), z.string()).default({}),
  /** @default [] */
  taints: z.array(taint).default([]),
  /** Root volume size (encrypted gp3). @default 50 */
  diskSizeGiB: z.number().int().min(20).max(16384).default(50),
});

const karpenter = z.strictObject({
  /** @default true */
  enabled: z.boolean().default(true),
  /** @default ["amd64"] */
  architectures: z.array(z.enum(["amd64", "arm64"])).min(1).default(["amd64"]),
  /** @default ["c6i", "m6i"] */
  instanceFamilies: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1).default(["c6i", "m6i"]),
  /** @default ["large", "xlarge", "2xlarge"] */
  instanceSizes: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1).default(["large", "xlarge", "2xlarge"]),
  /**
   * Share of Karpenter capacity on spot versus on-demand, as whole parts (4:1 = 80% spot).
   * Enforced with the topology-spread technique Karpenter documents, not NodePool weights.
   * @default { spot: 4, onDemand: 1 }
   */
  capacitySplit: z
    .strictObject({ spot: z.number().int().min(0).max(20), onDemand: z.number().int().min(0).max(20) })
    .prefault({ spot: 4, onDemand: 1 }),
  /** @default { cpu: "1000", memory: "2000Gi" } */
  limits: z.strictObject({ cpu: quantity, memory: quantity }).prefault({ cpu: "1000", memory: "2000Gi" }),
  /** Empty or underused nodes are consolidated after this long. @default "60s" */
  consolidateAfter: duration.default("60s"),
  /** Nodes are replaced after this long. @default "168h" (7 days) */
  expireAfter: duration.default("168h"),
  /** @default { sizeGiB: 100, type: "gp3", encrypted: true } */
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
  /** Pod Security Standards level enforced (and audited, warned) on the namespace. @default "restricted" */
  podSecurity: podSecurityLevel.default("restricted"),
  /** Team that owns the namespace; its quota and AppProject apply. @default none */
  team: dnsLabel.optional(),
  /** @default {} */
  labels: z.record(z.string(), z.string()).default({}),
});

const quota = z.strictObject({
  /** @default "20" */
  requestsCpu: quantity.default("20"),
  /** @default "40Gi" */
  requestsMemory: quantity.default("40Gi"),
  /** @default "40" */
  limitsCpu: quantity.default("40"),
  /** @default "80Gi" */
  limitsMemory: quantity.default("80Gi"),
  /** @default 10 */
  persistentVolumeClaims: z.number().int().min(0).default(10),
});

const team = z.strictObject({
  /** Quota applied to every namespace of the team. @default the reference quota */
  quota: quota.prefault({}),
  /** Git repositories the team's Argo CD AppProject may deploy from. @default the platform repository */
  sourceRepos: z.array(z.string().min(1)).optional(),
});

const canaryStep = z.strictObject({
  /** Percentage of pods on the new version at this step. */
  weight: z.number().int().min(1).max(100),
  /** How long to wait before the next step; omit to wait for a manual promotion. */
  pause: duration.optional(),
});

const scalingRule = z.strictObject({
  /** Percent of current replicas added or removed per period. */
  percent: z.number().int().min(1).max(1000),
  periodSeconds: z.number().int().min(1).max(1800),
  stabilizationWindowSeconds: z.number().int().min(0).max(3600),
});

const autoscaling = z.strictObject({
  /** @default 3 */
  minReplicas: z.number().int().min(1).default(3),
  /** @default 50 */
  maxReplicas: z.number().int().min(1).default(50),
  /** Target average CPU utilisation in percent of requests; null turns it off. @default 70 */
  cpuUtilization: z.number().int().min(1).max(100).nullable().default(70),
  /** Target average memory utilisation in percent of requests; null turns it off. @default 80 */
  memoryUtilization: z.number().int().min(1).max(100).nullable().default(80),
  /** Target HTTP requests per second per pod (custom metric http_requests_per_second); null turns it off. @default 1000 */
  requestsPerSecond: z.number().int().min(1).nullable().default(1000),
  /** @default { percent: 100, periodSeconds: 15, stabilizationWindowSeconds: 0 } */
  scaleUp: scalingRule.default({ percent: 100, periodSeconds: 15, stabilizationWindowSeconds: 0 }),
  /** @default { percent: 10, periodSeconds: 60, stabilizationWindowSeconds: 300 } */
  scaleDown: scalingRule.default({ percent: 10, periodSeconds: 60, stabilizationWindowSeconds: 300 }),
});

const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ cpu: quantity, memory: quantity }),
});

const application = z.strictObject({
  /** Namespace the application runs in. */
  namespace: dnsLabel,
  /** Container image without tag; the tag is `imageTag`. @default the application's ECR repository */
  image: z.string().min(1).optional(),
  /** Immutable image tag deployed; CI updates it. @default "v1.0.0" */
  imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a Docker tag").default("v1.0.0"),
  /** Container port serving HTTP. @default 8080 */
  port: z.number().int().min(1024).max(65535).default(8080),
  /** Port serving Prometheus metrics (path /metrics). @default 9090 */
  metricsPort: z.number().int().min(1024).max(65535).default(9090),
  /** Replicas before the HPA takes over. @default 10 */
  replicas: z.number().int().min(1).default(10),
  /** @default requests 500m/512Mi, limits 1/1Gi */
  resources: resources.prefault({ requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } }),
  /** HTTP path of the readiness and liveness probes. @default { readiness: "/ready", liveness: "/healthz" } */
  probes: z
    .strictObject({ readinessPath: z.string().startsWith("/").default("/ready"), livenessPath: z.string().startsWith("/").default("/healthz") })
    .prefault({}),
  /** Canary steps; pauses between them. @default 5/20/50/80 with 5m/10m/10m/10m pauses */
  canary: z
    .strictObject({
      steps: z.array(canaryStep).min(1),
      /** Minimum success rate (0-1) the Prometheus analysis requires. @default 0.99 */
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
    }),
  /** @default the reference HPA */
  autoscaling: autoscaling.prefault({}),
  /** Minimum pods available during voluntary disruptions. @default "50%" */
  minAvailable: z.union([z.number().int().min(1), z.string().regex(/^[0-9]{1,3}%$/)]).default("50%"),
  /** Secrets Manager secrets (under the platform prefix) exposed to the pod as environment variables. @default { DATABASE_URL: "<app>/database-url" } */
  secrets: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name"), z.string().min(1)).optional(),
  /** Public host served through the shared ALB; omit for an internal service. @default none */
  host: z.string().optional(),
  /** GitHub repository (owner/name) whose workflow builds the image. @default none */
  githubRepository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/).optional(),
});

const prometheus = z.strictObject({
  /** @default "15d" */
  retention: z.string().regex(/^[0-9]+(h|d|w|y)$/).default("15d"),
  /** @default "100Gi" */
  storage: quantity.default("100Gi"),
  /** @default 2 */
  replicas: z.number().int().min(1).default(2),
});

const monitoring = z.strictObject({
  /** @default 15d, 100Gi gp3 */
  prometheus: prometheus.prefault({}),
  /** @default persistent 10Gi */
  grafana: z.strictObject({ storage: quantity.default("10Gi"), host: z.string().optional() }).prefault({}),
  /** Alertmanager routes to Slack; its webhook URL comes from Secrets Manager, never the repository. */
  alertmanager: z
    .strictObject({
      slackChannel: z.string().startsWith("#").default("#alerts"),
      groupBy: z.array(z.string().min(1)).min(1).default(["alertname", "namespace"]),
    })
    .prefault({}),
  /** Loki log retention. @default "744h" (31 days) */
  logRetention: duration.default("744h"),
  /** Tempo trace retention. @default "336h" (14 days) */
  traceRetention: duration.default("336h"),
});

const gitops = z.strictObject({
  /** Git repository Argo CD reads the synthesized GitOps tree from. */
  repoURL: z.string().min(1).default("https://github.com/example-org/platform-gitops.git"),
  /** @default "main" */
  targetRevision: z.string().min(1).default("main"),
  /** Folder of the GitOps tree inside the repository. @default "." */
  path: z.string().default("."),
  /** Host name of the Argo CD UI behind the ALB (ACM certificate for it). @default "argocd.example.com" */
  argocdHost: z.string().min(1).default("argocd.example.com"),
});

export const platformSpecSchema = z
  .strictObject({
    /** AWS account and region the platform lives in. */
    aws: z
      .strictObject({
        account: z.string().regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id").default("111122223333"),
        region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, "must be an AWS region such as eu-west-1").default("eu-west-1"),
      })
      .prefault({}),
    cluster: z
      .strictObject({
        name: dnsLabel.default("production-cluster"),
        kubernetesVersion: z.enum(KUBERNETES.supported).default(KUBERNETES.defaultVersion),
        /** CIDRs allowed to reach the public API endpoint. @default ["203.0.113.0/24"] */
        publicAccessCidrs: z.array(z.string().regex(/^[0-9.]+\/[0-9]+$/, "must be an IPv4 CIDR")).min(1).default(["203.0.113.0/24"]),
        /** Must be true to allow 0.0.0.0/0 on the public endpoint. @default false */
        allowPublicEndpointFromAnywhere: z.boolean().default(false),
        vpcCidr: z.string().regex(/^[0-9.]+\/[0-9]+$/).default("10.0.0.0/16"),
        /** @default 3 */
        availabilityZones: z.number().int().min(2).max(6).default(3),
        /** One NAT gateway per AZ (resilient) or a single one (cheaper). @default "one-per-az" */
        natGateways: z.enum(["one-per-az", "single"]).default("one-per-az"),
        /** IAM role ARN granted cluster admin through an access entry. @default none */
        adminRoleArn: z.string().regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/).optional(),
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
    /** Prefix of Secrets Manager secret names the platform may read. @default "<cluster name>/" */
    secretsPrefix: z.string().regex(/^[A-Za-z0-9/_+=.@-]+\/$/, "must end with '/'").optional(),
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
