import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { parseSource } from "../../../src/check/load/parse-source.js";
import { CONVERTER_VERSION, definitionsToJsonSchema, toJsonSchema } from "../../../src/check/schema/to-json-schema.js";
import { kubernetesSchemaBundle } from "../../../src/check/schema/kubernetes-schema-bundle.js";
import { UNENFORCED_REQUIRED } from "../../../src/check/schema/unenforced-required.js";
import { KUBERNETES } from "../../../src/versions.js";
import { crdYaml } from "../../support/crd.js";
import { SHARED_CRDS_DIR } from "../../support/paths.js";

/**
 * A CRD shaped like Gateway API's listeners: value validations in oneOf/anyOf branches
 * that name only some fields, and a required field with a default.
 */
const CRD = crdYaml({
  kind: "Gateway",
  schema: `type: object
properties:
  spec:
    type: object
    properties:
      listeners:
        type: array
        items:
          type: object
          required: [port, protocol]
          properties:
            port: {type: integer}
            protocol: {type: string, default: HTTP}
            hostname: {type: string}
            tls:
              type: object
              properties:
                mode: {type: string}
          oneOf:
            - required: [hostname]
              properties:
                hostname: {maxLength: 12}
            - required: [tls]
              properties:
                tls:
                  properties:
                    mode: {enum: [Terminate]}
          anyOf:
            - required: [protocol]
            - required: [port]
`,
});

const check = async (listener: string) => {
  const root = mkdtempSync(join(tmpdir(), "slipway-branches-"));
  writeFileSync(join(root, "crd.yaml"), CRD);
  writeFileSync(join(root, "gw.yaml"), `apiVersion: example.com/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: web\nspec:\n  listeners:\n    - ${listener}\n`);
  return (await checkManifests(["."], { cwd: root, enable: ["schema"] })).findings.map((finding) => `${finding.file}:${finding.line} ${finding.message}`);
};

describe("toJsonSchema (structural schema semantics)", () => {
  it.each([
    { name: "a listener matching the hostname branch, protocol left to its default", listener: "{port: 80, hostname: a.example}" },
    { name: "a listener matching the tls branch", listener: "{port: 443, protocol: HTTPS, tls: {mode: Terminate}}" },
  ])("GIVEN $name WHEN checked THEN no finding (branches do not close the object)", async ({ listener }) => {
    expect(await check(listener)).toEqual([]);
  });

  it.each([
    { name: "a listener matching both branches", listener: "{port: 80, hostname: a.example, tls: {mode: Terminate}}", message: "spec.listeners[0]: must match exactly one schema in oneOf" },
    { name: "a listener matching neither branch", listener: "{port: 80, hostname: far-too-long.example}", message: 'missing required field "spec.listeners[0].tls"', also: "spec.listeners[0].hostname: must NOT have more than 12 characters" },
    { name: "an unknown field (the structural part still closes the object)", listener: "{port: 80, hostname: a.example, portt: 1}", message: 'unknown field "spec.listeners[0].portt"' },
    { name: "a missing required field without a default", listener: "{hostname: a.example}", message: 'missing required field "spec.listeners[0].port"' },
  ])("GIVEN $name WHEN checked THEN the schema finding says so", async ({ listener, message, also }: { listener: string; message: string; also?: string }) => {
    // Each failing branch says why it failed, as the API server lists them.
    expect(await check(listener)).toEqual([`gw.yaml:8 ${message}`, ...(also ? [`gw.yaml:8 ${also}`] : [])]);
  });

  it("GIVEN branches with properties WHEN converted THEN no additionalProperties in them, while the structural part keeps it", () => {
    const converted = toJsonSchema(
      { type: "object", properties: { a: { type: "string" }, b: { type: "string", default: "x" } }, required: ["a", "b"], anyOf: [{ properties: { a: { maxLength: 1 } }, required: ["b"] }] },
      { emptyObject: "closed" },
    );
    expect(converted).toEqual({
      type: ["object", "null"],
      required: ["a"],
      properties: { a: { type: ["string", "null"] }, b: { type: ["string", "null"] } },
      additionalProperties: false,
      anyOf: [{ properties: { a: { maxLength: 1 } } }],
    });
  });
});

describe("CRD formats by Kubernetes version (supportedVersionedFormats)", () => {
  const FORMATS_CRD = crdYaml({
    kind: "Queue",
    schema: `type: object
properties:
  spec:
    type: object
    properties:
      owner: {type: string, format: k8s-short-name}
      host: {type: string, format: k8s-long-name}
      team: {type: string, format: k8s-short-name, pattern: "^team-"}
`,
  });
  const checkAt = async (version: string, spec: string) => {
    const root = mkdtempSync(join(tmpdir(), "slipway-formats-"));
    writeFileSync(join(root, "crd.yaml"), FORMATS_CRD);
    writeFileSync(join(root, "q.yaml"), `apiVersion: example.com/v1\nkind: Queue\nmetadata:\n  name: q\n  namespace: web\nspec:\n  ${spec}\n`);
    return (await checkManifests(["."], { cwd: root, enable: ["schema"], kubernetesVersion: version })).findings.map((finding) => `${finding.line} ${finding.message}`);
  };

  it.each(["1.34", "1.35", "1.36"])("GIVEN Kubernetes %s WHEN names break k8s-short-name and k8s-long-name THEN schema errors, beside the schema's own pattern", async (version) => {
    expect(await checkAt(version, "owner: Team_A\n  host: api..example.com\n  team: team-" + "a".repeat(60))).toEqual([
      '7 spec.owner: "Team_A" does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      '8 spec.host: "api..example.com" does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
      "9 spec.team: must NOT have more than 63 characters",
    ]);
    expect(await checkAt(version, "owner: team-a\n  host: api.example.com\n  team: team-a")).toEqual([]);
  });

  it.each(["1.32", "1.33"])("GIVEN Kubernetes %s WHEN the same names are checked THEN nothing: that API server ignores formats it does not know", async (version) => {
    expect(await checkAt(version, "owner: Team_A\n  host: api..example.com")).toEqual([]);
  });
});

/**
 * What the conversion makes of every upstream CRD schema in ../shared/crds, by
 * CONVERTER_VERSION. Compiled validators are cached by the hash of the source schema and
 * CONVERTER_VERSION, so a conversion that changes its result without a new version would
 * leave stale validators in every user's cache.
 */
const CONVERSION_DIGESTS: Readonly<Record<number, string>> = {
  1: "a1c335f5cd6643b8e7fabe9f1d5c9d72",
  // 2 changed only built-in definitions (unenforced-required.ts), not CRD conversion.
  2: "a1c335f5cd6643b8e7fabe9f1d5c9d72",
  // 3 checks k8s-short-name and k8s-long-name from Kubernetes 1.34, which no upstream CRD here uses.
  3: "a1c335f5cd6643b8e7fabe9f1d5c9d72",
};

describe("required fields the API server does not enforce", () => {
  it("GIVEN every entry of UNENFORCED_REQUIRED WHEN the newest bundle is converted THEN the definition marks the field required upstream and not after conversion", () => {
    const bundle = kubernetesSchemaBundle(KUBERNETES.newestCheckerVersion);
    const converted = definitionsToJsonSchema(bundle.definitions);
    const stale: string[] = [];
    for (const [definition, fields] of Object.entries(UNENFORCED_REQUIRED)) {
      // v1beta1/v1beta2 resource kinds may be gone from a newer release; an entry must name at least one served shape.
      if (bundle.definitions[definition] === undefined) continue;
      for (const field of fields) {
        if (!((bundle.definitions[definition]!.required as string[] | undefined) ?? []).includes(field)) stale.push(`${definition}.${field} is not required upstream`);
        if (((converted[definition]!.required as string[] | undefined) ?? []).includes(field)) stale.push(`${definition}.${field} is still required`);
      }
    }
    expect(stale).toEqual([]);
    expect(Object.keys(UNENFORCED_REQUIRED).filter((definition) => bundle.definitions[definition] !== undefined).length).toBeGreaterThanOrEqual(5);
  });
});

describe("CONVERTER_VERSION", () => {
  it.skipIf(!existsSync(SHARED_CRDS_DIR))(
    "GIVEN every upstream CRD schema WHEN converted THEN the result is the one recorded for CONVERTER_VERSION (if the conversion changed on purpose, bump CONVERTER_VERSION and record the new digest; skipped without ../shared/crds)",
    () => {
      const digest = createHash("sha256");
      let schemas = 0;
      const files = readdirSync(SHARED_CRDS_DIR, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith(".yaml")).sort();
      for (const file of files) {
        // The checker's own reader (fast-yaml.test.ts proves it reads every upstream CRD as `yaml` does).
        const parsed = parseSource(readFileSync(join(SHARED_CRDS_DIR, file), "utf8"), file);
        expect(parsed.findings).toEqual([]);
        for (const { document } of parsed.objects) {
          const crd = document as { spec?: { versions?: { schema?: { openAPIV3Schema?: Record<string, unknown> } }[] } };
          for (const version of crd.spec?.versions ?? []) {
            const source = version.schema?.openAPIV3Schema;
            if (source === undefined) continue;
            for (const emptyObject of ["closed", "open"] as const) digest.update(JSON.stringify(toJsonSchema(source, { emptyObject })));
            schemas++;
          }
        }
      }
      expect(schemas).toBeGreaterThan(40);
      expect(digest.digest("hex").slice(0, 32)).toBe(CONVERSION_DIGESTS[CONVERTER_VERSION]);
    },
  );
});
