import { describe, expect, it } from "vitest";
import { certManagerGenerator } from "../../../src/gitops/addons/cert-manager.js";
import { generate } from "./support.js";

describe("cert-manager values", () => {
  it("GIVEN the reference spec THEN the chart installs its CRDs and keeps them on removal", () => {
    const { values, spec } = generate(certManagerGenerator);
    expect(values.crds).toEqual({ enabled: true, keep: true });
    expect(values.serviceAccount).toEqual({ create: true, name: "cert-manager" });
    expect(spec.destination.namespace).toBe("cert-manager");
  });
});
