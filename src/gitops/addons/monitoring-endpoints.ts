/**
 * In-cluster URLs of the monitoring back ends, derived from the Services their charts
 * create for the release names used here. Grafana's data sources, the log agent and the
 * metrics adapter all read them from this one place.
 */
import { PLATFORM_NAMESPACES } from "../../platform-spec/names.js";
import { PROMETHEUS_URL } from "../conventions.js";

/** The namespace of every monitoring back end: names.ts's, the one the Applications install into. */
export const MONITORING_NAMESPACE = PLATFORM_NAMESPACES.monitoring;
export const LOKI_RELEASE = "loki";
export const TEMPO_RELEASE = "tempo";

/** Prometheus Service of kube-prometheus-stack: `<fullname>-prometheus`, port 9090. */
export { PROMETHEUS_URL };
/** Prometheus' remote-write receiver (`enableRemoteWriteReceiver`), fed by Tempo's metrics-generator. */
export const PROMETHEUS_REMOTE_WRITE_URL = `${PROMETHEUS_URL}/api/v1/write`;
/** The loki chart's gateway (nginx) Service `<release>-gateway` on port 80 fronts reads and writes. */
export const LOKI_URL = `http://${LOKI_RELEASE}-gateway.${MONITORING_NAMESPACE}.svc:80`;
export const LOKI_PUSH_URL = `${LOKI_URL}/loki/api/v1/push`;
/** The tempo chart's Service `<release>` serves the query API over HTTP on 3200 (gRPC is 9095). */
export const TEMPO_URL = `http://${TEMPO_RELEASE}.${MONITORING_NAMESPACE}.svc:3200`;
