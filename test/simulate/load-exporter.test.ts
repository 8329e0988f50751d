import { afterEach, describe, expect, it } from "vitest";
import { LoadExporter } from "../../src/simulate/load-exporter.js";

let exporter: LoadExporter | undefined;
afterEach(async () => {
  await exporter?.close();
  exporter = undefined;
});

describe("LoadExporter", () => {
  it("GIVEN pods with rates WHEN wall time passes THEN each counter grows by its rate × the seconds, and a pod left out disappears", () => {
    exporter = new LoadExporter();
    exporter.advance(0, [
      { namespace: "production", pod: "b", requestsPerSecond: 10 },
      { namespace: "production", pod: "a", requestsPerSecond: 2.5 },
    ]);
    exporter.advance(2, [
      { namespace: "production", pod: "a", requestsPerSecond: 100 },
      { namespace: "production", pod: "b", requestsPerSecond: 10 },
    ]);
    exporter.advance(0.5, [{ namespace: "production", pod: "a", requestsPerSecond: 100 }]);
    expect(exporter.exposition()).toBe(
      [
        "# HELP http_requests_total Requests served, driven by slipway simulate's load curve.",
        "# TYPE http_requests_total counter",
        'http_requests_total{namespace="production",pod="a"} 55',
        "",
      ].join("\n"),
    );
  });

  it("GIVEN the exporter listening WHEN /metrics is fetched THEN it serves the exposition; any other path is 404", async () => {
    exporter = new LoadExporter();
    exporter.advance(0, [{ namespace: "staging", pod: "web-1", requestsPerSecond: 1 }]);
    const port = await exporter.listen();
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    expect(await metrics.text()).toContain('http_requests_total{namespace="staging",pod="web-1"} 0');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });
});
