import { describe, expect, it } from "vitest";
import { DEFAULT_CHECK_KUBERNETES_VERSION, parseKubernetesVersion } from "../../src/check/kubernetes-version.js";
import { kubernetesSchemaBundle, schemaVersions } from "../../src/check/schema/kubernetes-schema-bundle.js";
import { KUBERNETES } from "../../src/versions.js";

describe("the target Kubernetes version of slipway check", () => {
  it("GIVEN the versions the checker knows WHEN listed THEN every version EKS supports, standard and extended, oldest first, each with a bundle", () => {
    expect(schemaVersions()).toEqual(["1.32", "1.33", "1.34", "1.35", "1.36"]);
    for (const minor of schemaVersions()) {
      const bundle = kubernetesSchemaBundle(minor);
      expect(bundle.kubernetesVersion).toBe(minor);
      expect(bundle.release).toBe(KUBERNETES.schemaRelease[minor]);
      expect(bundle.release.startsWith(`v${minor}.`)).toBe(true);
    }
  });

  it("GIVEN the versions a new cluster may use WHEN compared THEN the checker knows each of them and the default is the newest", () => {
    for (const version of KUBERNETES.supported) expect(schemaVersions()).toContain(version);
    expect(DEFAULT_CHECK_KUBERNETES_VERSION).toBe(schemaVersions().at(-1));
  });

  it.each([
    ["1.32", "1.32"],
    ["v1.33", "1.33"],
    ["1.34.2", "1.34"],
    ["v1.34.2", "1.34"],
    [" 1.35 ", "1.35"],
    ["1.036", "1.36"],
  ])("GIVEN %j WHEN parsed THEN minor %s", (input, expected) => {
    expect(parseKubernetesVersion(input)).toBe(expected);
  });

  it.each([
    ["1.31", "no schemas for Kubernetes 1.31"],
    ["1.37.0", "no schemas for Kubernetes 1.37"],
    ["2.0", "no schemas for Kubernetes 2.0"],
    ["1", '"1" is not a Kubernetes version'],
    ["1.34.2.1", '"1.34.2.1" is not a Kubernetes version'],
    ["v1.34-rc.1", '"v1.34-rc.1" is not a Kubernetes version'],
    ["1.x", '"1.x" is not a Kubernetes version'],
    ["", '"" is not a Kubernetes version'],
  ])("GIVEN %j WHEN parsed THEN a usage error: %s, listing the known versions", (input, message) => {
    expect(() => parseKubernetesVersion(input)).toThrow(
      expect.objectContaining({ code: "USAGE", message, where: "--k8s-version", fix: expect.stringContaining("1.32, 1.33, 1.34, 1.35, 1.36") }),
    );
  });
});
