import { describe, expect, it } from "vitest";
import { argoRolloutsGenerator } from "../../../src/gitops/addons/argo-rollouts.js";
import { generate } from "./support.js";

describe("Argo Rollouts values", () => {
  it("GIVEN the reference spec THEN CRDs are installed and kept, two controllers, no dashboard", () => {
    const { values, spec } = generate(argoRolloutsGenerator);
    expect(values).toEqual({ installCRDs: true, keepCRDs: true, controller: { replicas: 2 }, dashboard: { enabled: false } });
    expect(spec.destination.namespace).toBe("argo-rollouts");
  });
});
