import { describe, expect, it } from "vitest";
import { parseHelmRepositoryIndex, resolveChartUrl } from "../../src/charts/helm-repository-index.js";

const INDEX = `apiVersion: v1
entries:
  demo:
    - version: 1.1.0
      urls: [demo-1.1.0.tgz]
      digest: ${"A".repeat(64)}
    - version: v1.0.0
      urls: [https://mirror.example/demo-1.0.0.tgz]
      digest: not-a-digest
`;

describe("a Helm repository index", () => {
  it("GIVEN an index WHEN a version is looked up THEN urls and a valid digest come back, with or without the v prefix", () => {
    const index = parseHelmRepositoryIndex(INDEX);
    expect(index.find("demo", "1.1.0")).toEqual({ chart: "demo", version: "1.1.0", urls: ["demo-1.1.0.tgz"], digest: "a".repeat(64) });
    expect(index.find("demo", "1.0.0")).toEqual({ chart: "demo", version: "v1.0.0", urls: ["https://mirror.example/demo-1.0.0.tgz"] });
    expect(index.find("demo", "2.0.0")).toBeUndefined();
    expect(index.find("other", "1.0.0")).toBeUndefined();
    expect(index.find("constructor", "1.0.0")).toBeUndefined();
    expect(index.versions("demo")).toEqual(["1.1.0", "v1.0.0"]);
  });

  it.each(["", "just text", "entries: 3", "[1, 2]"])("GIVEN %j WHEN parsed THEN it is refused as not an index", (text) => {
    expect(() => parseHelmRepositoryIndex(text)).toThrow("not a Helm repository index");
  });

  it.each([
    ["http://h:1/repo", "demo-1.0.0.tgz", "http://h:1/repo/demo-1.0.0.tgz"],
    ["http://h:1/repo/", "charts/demo-1.0.0.tgz", "http://h:1/repo/charts/demo-1.0.0.tgz"],
    ["http://h:1/repo", "https://other.example/x.tgz", "https://other.example/x.tgz"],
  ])("GIVEN repository %s and url %s THEN the chart is fetched from %s", (repository, url, expected) => {
    expect(resolveChartUrl(repository, url)).toBe(expected);
  });
});
