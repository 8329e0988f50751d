/**
 * Fuzz test of the loaders: thousands of seeded random inputs (broken YAML, binary data,
 * wrong types, alias bombs, huge and deeply nested documents) must give objects or
 * findings, never an exception, and every finding must say where it is.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { parseSource } from "../../../src/check/load/parse-source.js";
import { validateSchemas } from "../../../src/check/schema/validate-schemas.js";
import { random } from "../../support/seeded-random.js";


const VALID = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
  labels: {app: api}
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: "example.com/api:1.0"
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: prod}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
`;

const FRAGMENTS = ["\n", "---\n", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "|\n", ">-\n", "\t", "'", '"', "#", "%YAML 1.2\n", "? ", "null", "~", "0x1F", "1e309", "\u0000", "\uFFFD", "kind: List\nitems: 7\n", "metadata: [1, 2]\n", "apiVersion: 42\n", "spec: {template: {spec: {containers: 3}}}\n",
  // YAML 1.1 as Kubernetes reads it, line-break and encoding shapes, suppression comments.
  "yes", "Off", "y", "0755", "0o17", "0b101", "1_000", "1:30", "2026-11-30", "<<: *a\n", "<<: [*a, {b: 1}]\n", "\r\n", "\r", "\uFEFF", "# slipway:ignore schema -- why\n", "# slipway:ignore schema\n", "# slipway:ignore\n"];

function mutate(next: () => number, text: string): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.4) result = result.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + result.slice(at);
    else if (choice < 0.7) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 20));
    else if (choice < 0.85) result = result.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + result.slice(at);
    else result = result + result.slice(0, at);
  }
  return result;
}

function randomBytes(next: () => number, length: number): string {
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256))).toString("utf8");
}

const SPECIAL: readonly string[] = [
  // Alias bomb: each level doubles the previous one.
  "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\ndata:\n" + Array.from({ length: 20000 }, (_, i) => `  k${i}: v${i}\n`).join(""),
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: " + "y".repeat(3 * 1024 * 1024 + 10) + "\n",
  "apiVersion: v1\nkind: Pod\nmetadata: {name: 7, namespace: [a]}\nspec: {containers: {a: b}, volumes: 3}\n",
  "apiVersion: v1\nkind: List\nitems: [1, null, {apiVersion: v1}, {apiVersion: v1, kind: ConfigMap, metadata: null}]\n",
  "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n",
  "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\n",
  "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: b}\r\n",
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y11, labels: {backup: yes, mode: 0755, n: on}}\ndata: {a: y, b: 0o17, c: 1_000, d: 1:30, e: 2026-11-30}\n",
  "base: &base {name: merged}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: *base\n  <<: {namespace: dup}\n",
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: [*missing]\n",
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s} # slipway:ignore\n# slipway:ignore schema --\n# slipway:ignore -- x\ndata: {a: yes}\n",
  "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n    - name: c\n      image: c:1\n      securityContext: {privileged: on, runAsNonRoot: Y}\n",
];

/** Byte-level inputs (UTF-16 with and without marks, odd lengths), through the file loader. */
const SPECIAL_BYTES: readonly Buffer[] = [
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: le}\r\n", "utf16le")]),
  Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: be}\n", "utf16le").swap16()]),
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("kind: [", "utf16le"), Buffer.from([0x41])]),
  Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0xd8, 0x00])]),
  Buffer.from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: no-mark}\n", "utf16le"),
  Buffer.from([0xef, 0xbb, 0xbf]),
];

describe("loader fuzzing", () => {
  it("GIVEN 2,000 seeded random and mutated inputs WHEN parsed and validated THEN nothing throws and every finding has a file and line", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const text = seed % 10 === 0 ? randomBytes(next, 1 + Math.floor(next() * 2000)) : mutate(next, VALID);
      let parsed;
      try {
        parsed = parseSource(text, "fuzz.yaml", seed % 7 === 0 ? "json" : "yaml");
        validateSchemas(parsed.objects, { kubernetesVersion: "1.35", customResources: new Map() });
      } catch (error) {
        throw new Error(`seed ${seed} crashed: ${(error as Error).stack}`);
      }
      for (const finding of parsed.findings) {
        expect(finding.file).toBe("fuzz.yaml");
        expect(finding.line).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it.each(SPECIAL.map((text, index) => ({ index, text })))("GIVEN special input $index WHEN checked end to end THEN a result, never an exception", async ({ text }) => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-fuzz-"));
    writeFileSync(join(folder, "input.yaml"), text);
    const result = await checkManifests(["."], { cwd: folder });
    expect(result.stats.files).toBe(1);
    for (const finding of result.findings) expect(finding.file).not.toBe("<slipway>");
  });

  it.each(SPECIAL_BYTES.map((bytes, index) => ({ index, bytes })))("GIVEN special bytes $index WHEN checked end to end THEN a result, never an exception", async ({ bytes }) => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-fuzz-"));
    writeFileSync(join(folder, "input.yaml"), bytes);
    const result = await checkManifests(["."], { cwd: folder });
    expect(result.stats.files).toBe(1);
    for (const finding of result.findings) {
      expect(finding.file).toBe("input.yaml");
      expect(finding.line).toBeGreaterThanOrEqual(1);
    }
  });
});
