import { describe, expect, it } from "vitest";
import { findClusterScoped, findNamespaced, groupOf, objectsOfKind } from "../../../../src/check/rules/support/find-objects.js";
import { contextFromYaml } from "./run-lint-rules.js";

const INPUT = [
  "apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: prod }",
  "apiVersion: v1\nkind: Service\nmetadata: { name: api }",
  "apiVersion: example.com/v1\nkind: Service\nmetadata: { name: api, namespace: prod }",
  "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: api, namespace: prod }",
  "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: { name: gp3 }",
  "apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: prod }",
].join("\n---\n");

const where = (object: { apiVersion: string; kind: string; namespace?: string; name: string } | undefined) =>
  object === undefined ? "none" : `${object.apiVersion} ${object.kind} ${object.namespace ?? "-"}/${object.name}`;

describe("find-objects", () => {
  const objects = contextFromYaml(INPUT).objects;

  it.each<[string, string, string, string, string | undefined, string]>([
    ["a name in a namespace", "Service", "api", "prod", undefined, "v1 Service prod/api"],
    ["an object without a namespace, in default", "Service", "api", "default", undefined, "v1 Service -/api"],
    ["the same kind and name in another group", "Service", "api", "prod", "example.com", "example.com/v1 Service prod/api"],
    ["the core group", "Service", "api", "prod", "", "v1 Service prod/api"],
    ["a group nothing is in", "Service", "api", "prod", "apps", "none"],
    ["another kind of the same name", "ConfigMap", "api", "prod", undefined, "v1 ConfigMap prod/api"],
    ["a namespace the name is not in", "ConfigMap", "api", "staging", undefined, "none"],
    ["a kind the input lacks", "Secret", "api", "prod", undefined, "none"],
  ])("GIVEN objects WHEN %s is looked up THEN the first match in input order is found", (_what, kind, name, namespace, group, expected) => {
    expect(where(findNamespaced(objects, kind, name, namespace, group))).toBe(expected);
  });

  it("GIVEN a cluster-scoped object WHEN looked up by name THEN it is found whatever the namespace, and a missing one is not", () => {
    expect(where(findClusterScoped(objects, "StorageClass", "gp3"))).toBe("storage.k8s.io/v1 StorageClass -/gp3");
    expect(where(findClusterScoped(objects, "StorageClass", "gp2"))).toBe("none");
    expect(where(findClusterScoped(objects, "Service", "api", "example.com"))).toBe("example.com/v1 Service prod/api");
  });

  it("GIVEN objects WHEN listed by kind THEN every object of the kind is there in input order, whatever its group", () => {
    expect(objectsOfKind(objects, "Service").map(where)).toEqual(["v1 Service prod/api", "v1 Service -/api", "example.com/v1 Service prod/api", "v1 Service prod/web"]);
    expect(objectsOfKind(objects, "Secret")).toEqual([]);
  });

  it.each([
    ["apps/v1", "apps"],
    ["v1", ""],
    ["cert-manager.io/v1", "cert-manager.io"],
  ])("GIVEN apiVersion %s WHEN its group is read THEN it is %j", (apiVersion, group) => {
    expect(groupOf(apiVersion)).toBe(group);
  });
});
