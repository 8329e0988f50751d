/**
 * The persistent volumes the add-ons claim, read from the Helm values of the platform's
 * own Argo CD Applications (spec overrides included), so a changed size or replica count
 * is priced as deployed: Prometheus and Alertmanager (kube-prometheus-stack), Grafana,
 * Loki's write and backend targets, Tempo.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformChartApplications } from "../charts/chart-applications.js";
import { quantityIn } from "./pod-requests.js";

export interface PersistentVolumes {
  /** e.g. "Prometheus (kube-prometheus-stack)". */
  readonly what: string;
  readonly count: number;
  readonly sizeGiB: number;
}

function at(values: unknown, path: readonly string[]): unknown {
  let current = values;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function count(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function gib(size: unknown): number {
  return quantityIn(size, "MiB") / 1024;
}

export function persistentVolumes(spec: PlatformSpec): PersistentVolumes[] {
  const volumes: PersistentVolumes[] = [];
  const add = (what: string, replicas: number, size: unknown) => {
    const sizeGiB = gib(size);
    if (replicas > 0 && sizeGiB > 0) volumes.push({ what, count: replicas, sizeGiB });
  };
  for (const application of platformChartApplications(spec)) {
    const values = application.values;
    switch (application.coordinates.chart) {
      case "kube-prometheus-stack": {
        const claim = ["volumeClaimTemplate", "spec", "resources", "requests", "storage"];
        add("Prometheus (kube-prometheus-stack)", count(at(values, ["prometheus", "prometheusSpec", "replicas"]), 1), at(values, ["prometheus", "prometheusSpec", "storageSpec", ...claim]));
        add("Alertmanager (kube-prometheus-stack)", count(at(values, ["alertmanager", "alertmanagerSpec", "replicas"]), 1), at(values, ["alertmanager", "alertmanagerSpec", "storage", ...claim]));
        if (at(values, ["grafana", "persistence", "enabled"]) === true) add("Grafana (kube-prometheus-stack)", count(at(values, ["grafana", "replicas"]), 1), at(values, ["grafana", "persistence", "size"]));
        break;
      }
      case "loki":
        for (const target of ["write", "backend"]) {
          if (at(values, [target, "persistence", "volumeClaimsEnabled"]) === false) continue;
          add(`Loki ${target}`, count(at(values, [target, "replicas"]), 3), at(values, [target, "persistence", "size"]));
        }
        break;
      case "tempo":
        if (at(values, ["persistence", "enabled"]) === true) add("Tempo", count(at(values, ["replicas"]), 1), at(values, ["persistence", "size"]));
        break;
    }
  }
  return volumes;
}
