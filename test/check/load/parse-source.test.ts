import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, parseSource } from "../../../src/check/load/parse-source.js";

describe("parseSource", () => {
  it("GIVEN a multi-document stream WHEN parsed THEN each object has its signature, file and line", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: n\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n";
    const { objects, findings } = parseSource(text, "m.yaml");
    expect(findings).toEqual([]);
    expect(objects.map(({ apiVersion, kind, name, namespace, file, line, documentIndex }) => ({ apiVersion, kind, name, namespace, file, line, documentIndex }))).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "n", file: "m.yaml", line: 1, documentIndex: 0 },
      { apiVersion: "v1", kind: "Namespace", name: "n", namespace: undefined, file: "m.yaml", line: 7, documentIndex: 1 },
    ]);
  });

  it("GIVEN a List WHEN parsed THEN its items are objects of their own", () => {
    const text = "apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - {apiVersion: v1, kind: Secret, metadata: {name: b}}\n";
    expect(parseSource(text, "l.yaml").objects.map((object) => `${object.kind}/${object.name}@${object.line}`)).toEqual(["ConfigMap/a@1", "Secret/b@1"]);
  });

  it("GIVEN a JSON file WHEN parsed as JSON THEN the object is read", () => {
    const { objects } = parseSource('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"}}', "j.json", "json");
    expect(objects.map((object) => object.name)).toEqual(["j"]);
  });

  it.each([
    { name: "broken YAML", text: "apiVersion: v1\nkind: [\n", format: "yaml" as const, line: 3, message: "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]" },
    { name: "duplicate keys", text: "apiVersion: v1\nkind: A\nkind: B\n", format: "yaml" as const, line: 3, message: "invalid YAML: Map keys must be unique" },
    { name: "a scalar document", text: "just text\n", format: "yaml" as const, line: 1, message: "document is a string, not a Kubernetes object" },
    { name: "a sequence document", text: "- a\n- b\n", format: "yaml" as const, line: 1, message: "document is a sequence, not a Kubernetes object" },
    { name: "no kind", text: "apiVersion: v1\nmetadata: {name: x}\n", format: "yaml" as const, line: 1, message: "document has no kind: not a Kubernetes object" },
    { name: "wrong types for apiVersion and kind", text: "apiVersion: 1\nkind: {a: b}\n", format: "yaml" as const, line: 1, message: "document has no apiVersion and kind: not a Kubernetes object" },
    { name: "binary content", text: "\u0000\u0001\u0002", format: "yaml" as const, line: 1, message: "binary content: not a YAML or JSON manifest" },
    { name: "broken JSON", text: '{"apiVersion": ', format: "json" as const, line: 1, message: "invalid JSON: Unexpected end of JSON input" },
  ])("GIVEN $name WHEN parsed THEN a parse finding says so at line $line", ({ text, format, line, message }) => {
    const { objects, findings } = parseSource(text, "bad.yaml", format);
    expect(objects).toEqual([]);
    expect(findings.map((finding) => ({ ruleId: finding.ruleId, severity: finding.severity, file: finding.file, line: finding.line, message: finding.message }))).toEqual([
      { ruleId: "parse", severity: "error", file: "bad.yaml", line, message },
    ]);
  });

  it("GIVEN a document over 3 MiB WHEN parsed THEN it is reported without being parsed", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  big: " + "x".repeat(MAX_DOCUMENT_BYTES) + "\n";
    const { objects, findings } = parseSource(text, "big.yaml");
    expect(objects).toEqual([]);
    expect(findings.map((finding) => finding.message)).toEqual(["document is 3.0 MiB, over the API server's 3 MiB request limit: not parsed"]);
  });

  it("GIVEN a broken document between good ones WHEN parsed THEN the others are still read", () => {
    const text = "apiVersion: v1\nkind: A\n---\n: : :\n  - [\n---\napiVersion: v1\nkind: B\n";
    const { objects, findings } = parseSource(text, "mixed.yaml");
    expect(objects.map((object) => object.kind)).toEqual(["A", "B"]);
    expect(findings).toHaveLength(1);
  });
});
