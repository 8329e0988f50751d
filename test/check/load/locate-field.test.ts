import { describe, expect, it } from "vitest";
import { fieldLine, locate } from "../../../src/check/load/locate-field.js";
import { parseSource } from "../../../src/check/load/parse-source.js";

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: a
          image: x
        - name: b
          image: y
          ports:
          - containerPort: 80
            name: http
      volumes: []
`;

describe("locate", () => {
  it.each([
    { path: ["spec", "replicas"], line: 7 },
    { path: ["spec", "template", "spec", "containers", 1, "image"], line: 14 },
    { path: ["spec", "template", "spec", "containers", 1, "ports", 0, "name"], line: 17 },
    { path: ["spec", "template", "spec", "containers", 0, "name"], line: 11 },
    { path: ["spec", "template", "spec", "containers", 1], line: 13 },
    { path: ["spec", "template", "spec", "volumes"], line: 18 },
    { path: ["metadata", "labels", "app"], line: 5 },
    { path: ["spec", "missing", "deeper"], line: 6 },
  ])("GIVEN the path $path WHEN located THEN line $line (the deepest part found)", ({ path, line }) => {
    expect((locate(TEXT.split("\n"), path) ?? -1) + 1).toBe(line);
  });

  it("GIVEN a parsed second document WHEN a field is located THEN its line is counted in the file", () => {
    const { objects } = parseSource(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n${TEXT}`, "f.yaml");
    expect(fieldLine(objects[1]!.document, ["spec", "template", "spec", "containers", 1, "image"])).toBe(19);
    expect(fieldLine({}, ["spec"])).toBeUndefined();
  });
});
