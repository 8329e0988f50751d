import { describe, expect, it } from "vitest";
import { lokiGenerator } from "../../../src/gitops/addons/loki.js";
import { generate } from "./support.js";

describe("Loki values", () => {
  it("GIVEN the reference spec THEN it uses the tsdb index with schema v13 on the bridge's S3 bucket with the loki service account", () => {
    const { values } = generate(lokiGenerator);
    expect(values.loki.schemaConfig.configs).toEqual([
      { from: "2024-04-01", store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "loki_index_", period: "24h" } },
    ]);
    const bucket = "production-cluster-loki-111122223333-eu-west-1";
    expect(values.loki.storage).toEqual({ type: "s3", bucketNames: { chunks: bucket, ruler: bucket }, s3: { region: "eu-west-1" } });
    expect(values.serviceAccount).toEqual({ create: true, name: "loki" });
    expect(values.loki.limits_config.retention_period).toBe("744h");
    expect(values.loki.compactor.retention_enabled).toBe(true);
    expect(values.minio.enabled).toBe(false);
  });

  it("GIVEN a custom log retention and region THEN they are used", () => {
    const { values } = generate(lokiGenerator, { monitoring: { logRetention: "168h" }, aws: { region: "us-west-2" } });
    expect(values.loki.limits_config.retention_period).toBe("168h");
    expect(values.loki.storage.s3.region).toBe("us-west-2");
  });
});
