/**
 * The applications' request counters as Prometheus would scrape them from their pods: a
 * small HTTP server on loopback serving `http_requests_total{namespace,pod}` for every
 * ready pod, each counter growing at the pod's share of the curve's rate. Prometheus scrapes
 * it (one target, labels kept with honor_labels), and prometheus-adapter turns the counters
 * into `http_requests_per_second` with the platform's own rule.
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
}

export class LoadExporter {
  private readonly counters = new Map<string, { namespace: string; pod: string; total: number; rate: number }>();
  private server: Server | undefined;

  /** Adds each pod's rate × `wallSeconds` to its counter, then sets the rates from now on; pods left out stop being served. */
  advance(wallSeconds: number, rates: readonly PodRate[]): void {
    for (const counter of this.counters.values()) counter.total += counter.rate * wallSeconds;
    const keep = new Set<string>();
    for (const rate of rates) {
      const key = `${rate.namespace}/${rate.pod}`;
      keep.add(key);
      const counter = this.counters.get(key);
      if (counter === undefined) this.counters.set(key, { namespace: rate.namespace, pod: rate.pod, total: 0, rate: rate.requestsPerSecond });
      else counter.rate = rate.requestsPerSecond;
    }
    for (const key of [...this.counters.keys()]) if (!keep.has(key)) this.counters.delete(key);
  }

  /** The text exposition format of every counter, sorted by namespace and pod. */
  exposition(): string {
    const lines = [`# HELP ${REQUESTS_COUNTER} Requests served, driven by slipway simulate's load curve.`, `# TYPE ${REQUESTS_COUNTER} counter`];
    for (const key of [...this.counters.keys()].sort()) {
      const counter = this.counters.get(key)!;
      lines.push(`${REQUESTS_COUNTER}{namespace="${counter.namespace}",pod="${counter.pod}"} ${Math.round(counter.total * 1000) / 1000}`);
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
