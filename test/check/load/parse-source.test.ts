import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, parseSource } from "../../../src/check/load/parse-source.js";

describe("parseSource", () => {
  it("GIVEN a multi-document stream WHEN parsed THEN each object has its signature, file and line", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n";
    const { objects, findings } = parseSource(text, "m.yaml");
    expect(findings).toEqual([]);
    expect(objects.map(({ apiVersion, kind, name, namespace, file, line, documentIndex }) => ({ apiVersion, kind, name, namespace, file, line, documentIndex }))).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "ns", file: "m.yaml", line: 1, documentIndex: 0 },
      { apiVersion: "v1", kind: "Namespace", name: "ns", namespace: undefined, file: "m.yaml", line: 7, documentIndex: 1 },
    ]);
  });

  // What sigs.k8s.io/yaml (go-yaml v2) gives kubectl and the API server for each plain scalar.
  it.each([
    { yaml: "yes", value: true },
    { yaml: "Yes", value: true },
    { yaml: "YES", value: true },
    { yaml: "y", value: true },
    { yaml: "Y", value: true },
    { yaml: "on", value: true },
    { yaml: "ON", value: true },
    { yaml: "no", value: false },
    { yaml: "N", value: false },
    { yaml: "Off", value: false },
    { yaml: "FALSE", value: false },
    { yaml: "yEs", value: "yEs" },
    { yaml: "0755", value: 493 },
    { yaml: "-010", value: -8 },
    { yaml: "08", value: 8 },
    { yaml: "0o17", value: 15 },
    { yaml: "0b101", value: 5 },
    { yaml: "0x1F", value: 31 },
    { yaml: "1_000", value: 1000 },
    { yaml: "1.", value: 1 },
    { yaml: ".", value: "." },
    // No sexagesimal numbers and no timestamps in go-yaml v2's interface{} decoding.
    { yaml: "1:30", value: "1:30" },
    { yaml: "190:20:30", value: "190:20:30" },
    { yaml: "2026-11-30", value: "2026-11-30" },
    { yaml: "2026-11-30T01:00:00Z", value: "2026-11-30T01:00:00Z" },
    { yaml: "'yes'", value: "yes" },
    { yaml: '"0755"', value: "0755" },
  ])("GIVEN the plain scalar $yaml WHEN parsed, alone and beside an anchor (the yaml package's path) THEN it is $value as Kubernetes reads it", ({ yaml, value }) => {
    const fast = parseSource(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: ${yaml}\n`, "a.yaml");
    const slow = parseSource(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n a\ndata:\n  x: ${yaml}\n  z: *n\n`, "a.yaml");
    expect(fast.objects[0]?.document.data).toEqual({ x: value });
    expect(slow.objects[0]?.document.data).toEqual({ x: value, z: "a" });
  });

  it("GIVEN merge keys WHEN parsed THEN the mappings are merged, the object's own keys winning, and nothing is reported", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &common\n    team: web\n    tier: front\ndata:\n  <<: [*common, {extra: one}]\n  tier: back\n";
    const { objects, findings } = parseSource(text, "m.yaml");
    expect(findings).toEqual([]);
    expect(objects[0]?.document.data).toEqual({ team: "web", tier: "back", extra: "one" });
  });

  it("GIVEN CRLF line breaks and a byte order mark WHEN parsed THEN documents split and parse as with LF", () => {
    const text = "\ufeffapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: b\r\ndata:\r\n  s: |\r\n    one\r\n    two\r\n";
    const { objects, findings } = parseSource(text, "m.yaml");
    expect(findings).toEqual([]);
    expect(objects.map((object) => `${object.name}@${object.line}`)).toEqual(["a@1", "b@6"]);
    expect(objects[1]?.document.data).toEqual({ s: "one\ntwo\n" });
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

  const helmIndex = "apiVersion: v1\nentries:\n  web:\n    - apiVersion: v2\n      name: web\n      version: 1.0.0\n      urls: [web-1.0.0.tgz]\ngenerated: \"2026-11-29T23:39:03Z\"\n";
  it.each([
    { name: "a Helm repository index", text: helmIndex, what: "a Helm repository index" },
    { name: "Helm values", text: "replicaCount: 1\nimage:\n  repository: nginx\n", what: "YAML of another tool" },
    { name: "a Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 0.1.0\n", what: "YAML of another tool" },
    { name: "docker-compose", text: "services:\n  web:\n    image: nginx\n", what: "YAML of another tool" },
    { name: "a GitHub Actions workflow (its `on:` is a boolean key)", text: "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n", what: "YAML of another tool" },
    { name: "an OpenAPI document", text: "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n", what: "YAML of another tool" },
    { name: "an Ansible playbook (a sequence) in two documents", text: "- hosts: all\n---\n- hosts: web\n", what: "YAML of another tool" },
  ])("GIVEN $name found by walking a folder WHEN parsed THEN one info finding says it is skipped, no error", ({ text, what }) => {
    const walked = parseSource(text, "other.yaml", "yaml", { skipUnrelatedYaml: true });
    expect(walked.objects).toEqual([]);
    expect(walked.findings).toEqual([
      {
        ruleId: "parse",
        severity: "info",
        file: "other.yaml",
        line: 1,
        message: `${what}, not Kubernetes manifests (no document has a kind, metadata or a group/version apiVersion): skipped, as Argo CD skips it in a directory source`,
        fix: "nothing to do if it is not meant to be applied; if it is, give each document apiVersion, kind and metadata",
      },
    ]);
    // Named as input (or piped in), the same text is meant to be manifests: errors, as kubeconform reports them.
    expect(parseSource(text, "other.yaml").findings.every((finding) => finding.severity === "error" && finding.ruleId === "parse")).toBe(true);
  });

  it.each([
    { name: "an object that lost its kind (metadata kept)", text: "apiVersion: v1\nmetadata:\n  name: x\ndata:\n  a: b\n", messages: ["document has no kind: not a Kubernetes object"] },
    { name: "an object that lost its apiVersion", text: "kind: ConfigMap\nmetadata:\n  name: x\n", messages: ["document has no apiVersion: not a Kubernetes object"] },
    { name: "a group/version apiVersion with no kind or metadata", text: "apiVersion: apps/v1\nspec:\n  replicas: 1\n", messages: ["document has no kind: not a Kubernetes object"] },
    { name: "values beside a real object", text: "replicaCount: 1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", messages: ["document has no apiVersion and kind: not a Kubernetes object"] },
    { name: "values beside broken YAML", text: "replicaCount: 1\n---\na: [\n", messages: ["document has no apiVersion and kind: not a Kubernetes object", "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"] },
  ])("GIVEN $name found by walking a folder WHEN parsed THEN it is still a parse error", ({ text, messages }) => {
    const { findings } = parseSource(text, "broken.yaml", "yaml", { skipUnrelatedYaml: true });
    expect(findings.map((finding) => `${finding.severity} ${finding.message}`)).toEqual(messages.map((message) => `error ${message}`));
  });

  it("GIVEN a JSON file that is no object (package.json) found by walking a folder WHEN parsed THEN it is an error, as Argo CD refuses it too", () => {
    const { findings } = parseSource('{"name": "x", "version": "1.0.0"}', "package.json", "json", { skipUnrelatedYaml: true });
    expect(findings.map((finding) => `${finding.severity} ${finding.message}`)).toEqual(["error document has no apiVersion and kind: not a Kubernetes object"]);
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
