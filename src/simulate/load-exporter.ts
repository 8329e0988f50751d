/**
 * The applications' request counters as Prometheus would scrape them from their pods: a
 * small HTTP server on loopback serving `http_requests_total{namespace,pod,code}` for every
 * ready pod, each counter growing at the pod's share of the curve's rate. Prometheus scrapes
 * it (one target, labels kept with honor_labels), and prometheus-adapter turns the counters
 * into `http_requests_per_second` with the platform's own rule (a sum over `code`).
 *
 * The `code` label holds the HTTP status, as the canary's AnalysisTemplate expects
 * (analysis-template.ts): a pod with a success rate R serves R of its requests as
 * `code="200"` and the rest as `code="500"`; the 500 series appears once a pod has had a
 * rate below 1. A pod given its `rollouts-pod-template-hash` carries it as
 * `rollouts_pod_template_hash`, the label the platform's ServiceMonitor copies from the pod
 * and the analysis query selects the canary by.
 *
 * Counters grow per wall second at the simulated rate: a rate is requests per second in
 * either clock, so the HPA compares the same number with its target as it would on EKS.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { REQUESTS_COUNTER } from "../gitops/conventions.js";

export interface PodRate {
  readonly namespace: string;
  readonly pod: string;
  readonly requestsPerSecond: number;
  /** Share of the requests that succeed (code 200); the rest fail with 500. @default 1 */
  readonly successRate?: number;
  /** The pod's `rollouts-pod-template-hash` label, served as `rollouts_pod_template_hash`. */
  readonly podTemplateHash?: string;
}

interface Counter {
  namespace: string;
  pod: string;
  podTemplateHash: string | undefined;
  succeeded: number;
  failed: number;
  rate: number;
  successRate: number;
  /** Whether the pod ever failed requests: its 500 series is served from then on. */
  failing: boolean;
}

export class LoadExporter {
  private readonly counters = new Map<string, Counter>();
  private server: Server | undefined;

  /** Adds each pod's rate × `wallSeconds` to its counter, then sets the rates from now on; pods left out stop being served. */
  advance(wallSeconds: number, rates: readonly PodRate[]): void {
    for (const counter of this.counters.values()) {
      counter.succeeded += counter.rate * counter.successRate * wallSeconds;
      counter.failed += counter.rate * (1 - counter.successRate) * wallSeconds;
    }
    const keep = new Set<string>();
    for (const rate of rates) {
      const successRate = rate.successRate ?? 1;
      if (!(successRate >= 0 && successRate <= 1)) throw new RangeError(`the success rate of ${rate.namespace}/${rate.pod} must be from 0 to 1, got ${successRate}`);
      const key = `${rate.namespace}/${rate.pod}`;
      keep.add(key);
      const counter = this.counters.get(key) ?? { namespace: rate.namespace, pod: rate.pod, podTemplateHash: undefined, succeeded: 0, failed: 0, rate: 0, successRate: 1, failing: false };
      counter.rate = rate.requestsPerSecond;
      counter.successRate = successRate;
      counter.podTemplateHash = rate.podTemplateHash ?? counter.podTemplateHash;
      counter.failing ||= successRate < 1 && rate.requestsPerSecond > 0;
      this.counters.set(key, counter);
    }
    for (const key of [...this.counters.keys()]) if (!keep.has(key)) this.counters.delete(key);
  }

  /** The text exposition format of every counter, sorted by namespace and pod. */
  exposition(): string {
    const lines = [`# HELP ${REQUESTS_COUNTER} Requests served, driven by slipway simulate's load curve.`, `# TYPE ${REQUESTS_COUNTER} counter`];
    for (const key of [...this.counters.keys()].sort()) {
      const counter = this.counters.get(key)!;
      const labels = `namespace="${counter.namespace}",pod="${counter.pod}"${counter.podTemplateHash === undefined ? "" : `,rollouts_pod_template_hash="${counter.podTemplateHash}"`}`;
      lines.push(`${REQUESTS_COUNTER}{${labels},code="200"} ${Math.round(counter.succeeded * 1000) / 1000}`);
      if (counter.failing) lines.push(`${REQUESTS_COUNTER}{${labels},code="500"} ${Math.round(counter.failed * 1000) / 1000}`);
    }
    return lines.join("\n") + "\n";
  }

  /** Listens on 127.0.0.1 (a free port unless one is given); resolves with the port. */
  async listen(port = 0): Promise<number> {
    const server = createServer((request, response) => {
      if (request.method === "GET" && request.url?.split("?")[0] === "/metrics") {
        response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
        response.end(this.exposition());
        return;
      }
      response.writeHead(404).end();
    });
    this.server = server;
    await new Promise<void>((resolvePromise, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolvePromise());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  }
}
