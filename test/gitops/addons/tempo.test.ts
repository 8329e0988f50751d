import { describe, expect, it } from "vitest";
import { tempoGenerator } from "../../../src/gitops/addons/tempo.js";
import { generate } from "./support.js";

describe("Tempo values", () => {
  it("GIVEN the reference spec THEN traces go to the bridge's S3 bucket with the tempo service account and 14 days retention", () => {
    const { values } = generate(tempoGenerator);
    expect(values.tempo.storage.trace).toEqual({
      backend: "s3",
      s3: { bucket: "production-cluster-tempo-111122223333-eu-west-1", endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1" },
    });
    expect(values.tempo.retention).toBe("336h");
    expect(values.serviceAccount).toEqual({ create: true, name: "tempo" });
  });

  it("GIVEN a China region THEN the S3 endpoint uses the .com.cn domain", () => {
    const { values } = generate(tempoGenerator, { aws: { region: "cn-north-1" }, monitoring: { traceRetention: "72h" } });
    expect(values.tempo.storage.trace.s3.endpoint).toBe("s3.cn-north-1.amazonaws.com.cn");
    expect(values.tempo.retention).toBe("72h");
  });
});
