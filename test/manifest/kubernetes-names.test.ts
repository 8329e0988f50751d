import { describe, expect, it } from "vitest";
import {
  wildcardDns1123SubdomainProblems,
  configKeyProblems,
  dns1035LabelProblems,
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelValueProblems,
  pathSegmentNameProblems,
  portNameProblems,
  qualifiedNameProblems,
} from "../../src/manifest/kubernetes-names.js";

describe("Kubernetes name grammars (apimachinery's validation)", () => {
  it.each([
    ["DNS-1123 label", dns1123LabelProblems, ["a", "my-name", "123-abc", "a".repeat(63)], ["", "A", "-a", "a-", "a.b", "a_b", "a".repeat(64), "é"]],
    ["DNS-1123 subdomain", dns1123SubdomainProblems, ["a", "example.com", "a-b.c-d", "a".repeat(253)], ["", "A.com", "a..b", ".a", "a.", "a_b", "a".repeat(254)]],
    ["DNS-1035 label", dns1035LabelProblems, ["a", "my-name", "abc-123"], ["1a", "", "a-", "A"]],
    ["qualified name", qualifiedNameProblems, ["app", "MyName", "my.name", "example.com/My_Name", "a".repeat(63), "k8s.io/x"], ["", "/a", "a/", "a/b/c", "-a", "a b", "Example.com/a", "a".repeat(64), "é"]],
    ["label value", labelValueProblems, ["", "MyValue", "my_value", "12345", "a".repeat(63)], ["-a", "a-", "a b", "a".repeat(64), "é"]],
    ["port name", portNameProblems, ["http", "http-metrics", "h2c", "a".repeat(15)], ["", "HTTP", "80", "a--b", "-http", "http-", "a".repeat(16), "http_1"]],
    ["config key", configKeyProblems, ["a", "KEY_NAME", "key.name", "key-name", ".hidden", "a".repeat(253)], ["", "a/b", "a b", ".", "..", "..data", "a".repeat(254)]],
    ["path segment name", pathSegmentNameProblems, ["system:controller:foo", "a b", "A"], [".", "..", "a/b", "a%20"]],
  ])("GIVEN the %s grammar WHEN valid and invalid values are checked THEN only the invalid ones have problems", (_grammar, problems, valid, invalid) => {
    for (const value of valid) expect(problems(value), value).toEqual([]);
    for (const value of invalid) expect(problems(value).length, value).toBeGreaterThan(0);
  });

  it.each([
    [qualifiedNameProblems("a/b/c"), ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
    [qualifiedNameProblems("/a"), ["prefix part must be non-empty"]],
    // kube-apiserver v1.35.4 on the label key "a/": both messages.
    [qualifiedNameProblems("a/"), ["name part must be non-empty", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
    [portNameProblems("-A--"), ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must not contain consecutive hyphens", "must contain at least one letter (a-z)", "must not begin or end with a hyphen"]],
    [dns1123LabelProblems("a".repeat(64)), ["must be no more than 63 characters"]],
    // IsDNS1123Label: a valid subdomain that is no label can only hold dots.
    [dns1123LabelProblems("a.b"), ["must not contain dots"]],
  ])("GIVEN an invalid value WHEN checked THEN upstream's exact messages %#", (actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    ["*.example.com", 0],
    ["*.a", 0],
    ["example.com", 1],
    ["*.Example.com", 1],
    ["a.*.example.com", 1],
    ["**.example.com", 1],
    [`*.${"a".repeat(252)}`, 1],
  ])("GIVEN the wildcard host %s WHEN checked THEN %i problems, as IsWildcardDNS1123Subdomain", (value, count) => {
    expect(wildcardDns1123SubdomainProblems(value)).toHaveLength(count);
  });
});
