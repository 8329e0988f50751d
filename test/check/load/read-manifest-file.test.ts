import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../../src/check/load/parse-source.js";
import { fieldLine } from "../../../src/check/load/locate-field.js";
import { recallSources, readManifestFile } from "../../../src/check/load/read-manifest-file.js";

describe("readManifestFile", () => {
  const root = mkdtempSync(join(tmpdir(), "slipway-read-manifest-"));
  const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n";

  it.each([
    { name: "a YAML stream", file: "a.yaml", text: yaml, format: "yaml" as const },
    { name: "a JSON file", file: "b.json", text: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }), format: "json" as const },
    { name: "a UTF-16 file with a byte order mark", file: "c.yaml", text: yaml, format: "yaml" as const, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, "utf16le")]) },
  ])("GIVEN $name WHEN read THEN what parseSource gives for its text, under the name given", ({ file, text, format, bytes }) => {
    writeFileSync(join(root, file), bytes ?? text);
    expect(readManifestFile(join(root, file), `shown/${file}`)).toStrictEqual(parseSource(text, `shown/${file}`, format));
  });

  it("GIVEN a file that cannot be read WHEN read THEN an input finding says so, on the name given", () => {
    const missing = readManifestFile(join(root, "missing.yaml"), "missing.yaml");
    expect(missing).toStrictEqual({ objects: [], findings: [{ ruleId: "input", severity: "error", file: "missing.yaml", line: 1, message: "cannot read the file: ENOENT", fix: "make the file readable or leave it out of the input" }] });
    if (process.getuid?.() === 0) return; // root reads anything
    writeFileSync(join(root, "locked.yaml"), yaml);
    chmodSync(join(root, "locked.yaml"), 0);
    expect(readManifestFile(join(root, "locked.yaml"), "locked.yaml").findings[0]?.message).toBe("cannot read the file: EACCES");
  });

  it("GIVEN objects whose text was not kept (parsed on a worker) WHEN recalled THEN field lines come from their file; a List item and a changed file are left alone", () => {
    const text = "# header\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: s}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n";
    writeFileSync(join(root, "recall.yaml"), text);
    // Copies stand for what a worker sends back: the same values, no text remembered for them.
    const objects = parseSource(text, "recall.yaml").objects.map((object) => ({ ...object, document: structuredClone(object.document) }));
    expect(objects.map((object) => fieldLine(object.document, ["metadata", "name"]))).toEqual([undefined, undefined, undefined]);
    recallSources(objects, root);
    expect(objects.map((object) => fieldLine(object.document, ["metadata", "name"]))).toEqual([5, undefined, 17]);

    const moved = parseSource(text, "recall.yaml").objects.map((object) => ({ ...object, document: structuredClone(object.document) }));
    writeFileSync(join(root, "recall.yaml"), `apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\n${text}`);
    recallSources(moved, root);
    expect(moved.map((object) => fieldLine(object.document, ["metadata", "name"]))).toEqual([undefined, undefined, undefined]);
  });
});

describe("readManifestFile and bytes that are not UTF-8 (hostile inputs, round 5)", () => {
  const root = mkdtempSync(join(tmpdir(), "slipway-read-manifest-utf8-"));

  it("GIVEN a YAML file with a Latin-1 byte WHEN read THEN one parse error names the byte and its line, as kubectl refuses the file", () => {
    writeFileSync(join(root, "latin1.yaml"), Buffer.concat([Buffer.from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    expect(readManifestFile(join(root, "latin1.yaml"), "latin1.yaml")).toStrictEqual({
      objects: [],
      findings: [
        {
          ruleId: "parse",
          severity: "error",
          file: "latin1.yaml",
          line: 5,
          message: "not UTF-8: byte 0xe9 at line 5 starts no UTF-8 character; kubectl and kustomize (go-yaml) refuse the whole file",
          fix: "save the file as UTF-8 (it is probably Latin-1 or Windows-1252)",
        },
      ],
    });
  });

  it("GIVEN a YAML file holding U+FFFD itself, and a JSON file with a Latin-1 byte WHEN read THEN both are parsed as before", () => {
    const replacement = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: \uFFFD\n";
    writeFileSync(join(root, "replacement.yaml"), replacement);
    expect(readManifestFile(join(root, "replacement.yaml"), "replacement.yaml")).toStrictEqual(parseSource(replacement, "replacement.yaml"));
    writeFileSync(join(root, "latin1.json"), Buffer.concat([Buffer.from('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "caf'), Buffer.from([0xe9]), Buffer.from('"}}')]));
    expect(readManifestFile(join(root, "latin1.json"), "latin1.json").objects).toHaveLength(1);
  });
});
