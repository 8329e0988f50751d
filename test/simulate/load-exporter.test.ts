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
        'http_requests_total{namespace="production",pod="a",code="200"} 55',
        "",
      ].join("\n"),
    );
  });

  it.each([
    // GIVEN a success rate and a hash       THEN the 200 and 500 counters after 10 s at 100 rps
    { successRate: 0.97, hash: "6d4f", ok: 970, failed: "30" },
    { successRate: 1, hash: "6d4f", ok: 1000, failed: undefined },
    { successRate: 0, hash: undefined, ok: 0, failed: "1000" },
  ])("GIVEN a pod at success rate $successRate (hash $hash) WHEN 10 s pass at 100 rps THEN code=200 counts $ok and code=500 $failed", ({ successRate, hash, ok, failed }) => {
    exporter = new LoadExporter();
    const rate = { namespace: "production", pod: "api-1", requestsPerSecond: 100, successRate, ...(hash === undefined ? {} : { podTemplateHash: hash }) };
    exporter.advance(0, [rate]);
    exporter.advance(10, [rate]);
    const labels = `namespace="production",pod="api-1"${hash === undefined ? "" : `,rollouts_pod_template_hash="${hash}"`}`;
    const text = exporter.exposition();
    expect(text).toContain(`http_requests_total{${labels},code="200"} ${ok}\n`);
    if (failed === undefined) expect(text).not.toContain('code="500"');
    else expect(text).toContain(`http_requests_total{${labels},code="500"} ${failed}\n`);
  });

  it("GIVEN a pod that failed requests WHEN its success rate returns to 1 THEN its 500 counter stays served and stops growing", () => {
    exporter = new LoadExporter();
    exporter.advance(0, [{ namespace: "production", pod: "api-1", requestsPerSecond: 10, successRate: 0.5 }]);
    exporter.advance(2, [{ namespace: "production", pod: "api-1", requestsPerSecond: 10, successRate: 1 }]);
    exporter.advance(2, [{ namespace: "production", pod: "api-1", requestsPerSecond: 10, successRate: 1 }]);
    expect(exporter.exposition()).toContain('code="200"} 30\nhttp_requests_total{namespace="production",pod="api-1",code="500"} 10\n');
  });

  it.each([-0.1, 1.5, Number.NaN])("GIVEN a success rate of %s WHEN advancing THEN it is refused", (successRate) => {
    exporter = new LoadExporter();
    expect(() => exporter!.advance(0, [{ namespace: "production", pod: "api-1", requestsPerSecond: 1, successRate }])).toThrow(/from 0 to 1/);
  });

  it("GIVEN the exporter listening WHEN /metrics is fetched THEN it serves the exposition; any other path is 404", async () => {
    exporter = new LoadExporter();
    exporter.advance(0, [{ namespace: "staging", pod: "web-1", requestsPerSecond: 1 }]);
    const port = await exporter.listen();
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    expect(await metrics.text()).toContain('http_requests_total{namespace="staging",pod="web-1",code="200"} 0');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });
});
