/**
 * Names that generated objects in different folders must agree on. One place, so an
 * Application's ExternalSecret, the ClusterSecretStore and the checker's reference rules
 * cannot disagree.
 */
import { PLATFORM_NAMESPACES } from "../platform-spec/names.js";

/** ClusterSecretStore (AWS Secrets Manager through the controller's Pod Identity). */
export const CLUSTER_SECRET_STORE = "aws-secrets-manager";

/**
 * Node label whose values split Karpenter capacity between spot and on-demand: the spot
 * NodePool offers values 1..spot, the on-demand NodePool spot+1..spot+onDemand, and
 * application pods spread evenly across the values (topologySpreadConstraints with
 * whenUnsatisfiable: DoNotSchedule). That is the ratio technique Karpenter documents;
 * NodePool weight is only a priority.
 */
export const CAPACITY_SPREAD_LABEL = "slipway.io/capacity-spread";

/** Default StorageClass (EBS gp3, encrypted). */
export const DEFAULT_STORAGE_CLASS = "gp3";

/** kube-prometheus-stack release; its fullname (<= 26 chars) prefixes the Services it creates. */
export const KUBE_PROMETHEUS_STACK_RELEASE = "kube-prometheus-stack";
/** Prometheus Service of kube-prometheus-stack (`<fullname>-prometheus`, port 9090) in the platform's monitoring namespace. */
export const PROMETHEUS_URL = `http://${KUBE_PROMETHEUS_STACK_RELEASE}-prometheus.${PLATFORM_NAMESPACES.monitoring}.svc:9090`;

/** Labels every generated object carries. */
export const MANAGED_BY_LABELS = { "app.kubernetes.io/managed-by": "slipway" } as const;

/** Label selecting the pods of a Slipway application. */
export const APP_NAME_LABEL = "app.kubernetes.io/name";

/** Request counter every application exposes, with a `code` label holding the HTTP status. */
export const REQUESTS_COUNTER = "http_requests_total";
/** Per-pod rate prometheus-adapter computes from REQUESTS_COUNTER; HPAs scale on it by this name. */
export const REQUESTS_PER_SECOND_METRIC = "http_requests_per_second";
