/**
 * The pod template of an application's Rollout: image, resources, probes, environment
 * from its Secret, a security context that passes Pod Security `restricted`, and the
 * topology spread that enforces the spot/on-demand split.
 *
 * Pod Security `restricted` (v1.35) requires: runAsNonRoot, no privilege escalation, all
 * capabilities dropped (only NET_BIND_SERVICE may be added back), seccomp RuntimeDefault
 * or Localhost, and only ephemeral/projected/secret/configMap/emptyDir-like volumes. A
 * read-only root filesystem is not required by the standard but is set too; /tmp is an
 * emptyDir so runtimes that write temporary files still work.
 */
import { addonEnabled } from "../addons/catalog.js";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import { SlipwayError } from "../../errors.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { ApplicationSpec, PlatformSpec } from "../../platform-spec/schema.js";
import { CAPACITY_SPREAD_LABEL } from "../conventions.js";
import { applicationSecretName, applicationSecrets } from "./external-secret.js";
import { HTTP_PORT_NAME, METRICS_PORT_NAME, applicationLabels, applicationSelector } from "./labels.js";

/** Non-root user and group the container runs as (any non-zero id passes `restricted`). */
export const RUN_AS_USER = 10001;

export const ZONE_LABEL = "topology.kubernetes.io/zone";

/** Size cap of the writable /tmp, so a runaway writer is evicted rather than filling the node's disk. */
export const TMP_SIZE_LIMIT = "256Mi";

/** `image:tag` of the application; a mutable tag would make the Git history lie about what runs. */
export function applicationImage(name: string, application: ApplicationSpec, names: PlatformNames): string {
  if (application.imageTag === "latest") {
    throw new SlipwayError("SPEC_INVALID", `application "${name}" uses the mutable image tag "latest"`, {
      where: `applications.${name}.imageTag`,
      fix: "set an immutable tag such as a version or a commit SHA (CI updates it on every release)",
    });
  }
  const repository = application.image ?? names.ecrRepositories[name]?.uri;
  if (repository === undefined) throw new Error(`no ECR repository is named for application ${name}`);
  return `${repository}:${application.imageTag}`;
}

/**
 * Spread over the capacity-spread label with maxSkew 1 and DoNotSchedule: the spot
 * NodePool offers values 1..spot and the on-demand pool spot+1..spot+onDemand, so an even
 * spread over the values is the configured ratio. minDomains is the number of values:
 * without it kube-scheduler only counts values that existing nodes carry and would pack
 * pods onto them; with it, missing values count as empty domains, pods stay pending until
 * Karpenter launches a node carrying them. Zones are spread softly (ScheduleAnyway) so a
 * zone short of capacity slows nothing down.
 */
export function topologySpreadConstraints(name: string, spec: PlatformSpec): ITopologySpreadConstraint[] {
  const { spot, onDemand } = spec.karpenter.capacitySplit;
  const labelSelector = { matchLabels: applicationSelector(name) };
  const zones: ITopologySpreadConstraint = { maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: "ScheduleAnyway", labelSelector };
  if (!addonEnabled(spec, "karpenter")) return [zones];
  return [
    { maxSkew: 1, topologyKey: CAPACITY_SPREAD_LABEL, whenUnsatisfiable: "DoNotSchedule", minDomains: spot + onDemand, labelSelector },
    zones,
  ];
}

export function podTemplate(name: string, application: ApplicationSpec, spec: PlatformSpec, names: PlatformNames): IPodTemplateSpec {
  const httpGet = (path: string) => ({ path, port: HTTP_PORT_NAME });
  return {
    metadata: { labels: applicationLabels(name) },
    spec: {
      serviceAccountName: name,
      // The application never calls the Kubernetes API: no token in the pod.
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: RUN_AS_USER,
        runAsGroup: RUN_AS_USER,
        fsGroup: RUN_AS_USER,
        seccompProfile: { type: "RuntimeDefault" },
      },
      containers: [
        {
          name,
          image: applicationImage(name, application, names),
          imagePullPolicy: "IfNotPresent",
          ports: [
            { name: HTTP_PORT_NAME, containerPort: application.port, protocol: "TCP" },
            { name: METRICS_PORT_NAME, containerPort: application.metricsPort, protocol: "TCP" },
          ],
          env: applicationSecrets(name, names).map(([variable]) => ({
            name: variable,
            valueFrom: { secretKeyRef: { name: applicationSecretName(name), key: variable } },
          })),
          resources: {
            requests: { cpu: application.resources.requests.cpu, memory: application.resources.requests.memory },
            limits: { cpu: application.resources.limits.cpu, memory: application.resources.limits.memory },
          },
          readinessProbe: { httpGet: httpGet(application.probes.readinessPath), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
          // Liveness tolerates a slow start and brief stalls: restarting a busy pod makes an overload worse.
          livenessProbe: {
            httpGet: httpGet(application.probes.livenessPath),
            initialDelaySeconds: 15,
            periodSeconds: 10,
            timeoutSeconds: 2,
            failureThreshold: 6,
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: RUN_AS_USER,
            runAsGroup: RUN_AS_USER,
            seccompProfile: { type: "RuntimeDefault" },
          },
          volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
        },
      ],
      volumes: [{ name: "tmp", emptyDir: { sizeLimit: TMP_SIZE_LIMIT } }],
      topologySpreadConstraints: topologySpreadConstraints(name, spec),
    },
  };
}
