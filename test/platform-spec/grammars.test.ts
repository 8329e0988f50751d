import { describe, expect, it } from "vitest";
import {
  goDurationNanos,
  goDurationRangeProblem,
  MAX_GO_DURATION_NANOS,
  cidrProblem,
  dnsLabelProblem,
  githubRepositoryProblem,
  gitRepositoryUrlProblem,
  gitRevisionProblem,
  hostNameProblem,
  httpPathProblem,
  imageRepositoryProblem,
  imageTagProblem,
  labelKeyProblem,
  labelValueProblem,
  normalizedRepositoryPath,
  repositoryPathProblem,
} from "../../src/platform-spec/grammars.js";

type Row = [string, string | undefined];

function table(name: string, check: (value: string) => string | undefined, rows: Row[]) {
  describe(`GIVEN the ${name} grammar`, () => {
    it.each(rows)("WHEN the value is %j THEN the problem mentions %j", (value, expected) => {
      const problem = check(value);
      if (expected === undefined) expect(problem).toBeUndefined();
      else expect(problem).toContain(expected);
    });
  });
}

table("DNS label", (value) => dnsLabelProblem(value), [
  ["api-server", undefined],
  ["a", undefined],
  ["0day", undefined],
  ["", "must not be empty"],
  ["Api", 'contains "A"'],
  ["my_app", 'contains "_"'],
  ["-api", "starts or ends with '-'"],
  ["api-", "starts or ends with '-'"],
  ["a.b", 'contains "."'],
  ["x".repeat(63), undefined],
  ["x".repeat(64), "64 characters long; at most 63"],
]);

table("DNS label with a suffix budget", (value) => dnsLabelProblem(value, 50, "suffix -success-rate"), [
  ["x".repeat(50), undefined],
  ["x".repeat(51), "at most 50 are allowed (suffix -success-rate)"],
]);

table("ingress host", (value) => hostNameProblem(value, { wildcard: true }), [
  ["api.example.com", undefined],
  ["*.example.com", undefined],
  ["http://evil.com/path;rm -rf /", 'without a scheme ("http://")'],
  ["evil.com/path", "without a path"],
  ["evil.com:443", "without a path, port"],
  ["evil .com", "spaces"],
  ["a.*.example.com", "whole first label"],
  ["localhost", "fully qualified"],
  ["10.0.0.1", "not an IP address"],
  ["Api.Example.com", 'label "Api"'],
  ["a..b.com", "empty label"],
  [`${"a".repeat(64)}.com`, "at most 63"],
  [`${"a.".repeat(127)}com`, "at most 253"],
]);

table("host without wildcard", (value) => hostNameProblem(value), [["*.example.com", "must not be a wildcard"]]);

table("image repository", imageRepositoryProblem, [
  ["nginx", undefined],
  ["library/nginx", undefined],
  ["ghcr.io/acme/api", undefined],
  ["registry.local:5000/team/api-server", undefined],
  ["localhost/api", undefined],
  ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/production-cluster/api", undefined],
  ["Nginx/App", "must be lowercase"],
  ["ghcr.io/Acme/api", "must be lowercase"],
  ["nginx:1.27", "must not carry a tag"],
  ["nginx@sha256:abc", "must not carry a digest"],
  ["ngi nx", "spaces"],
  ["acme//api", "path components"],
  ["acme/-api", "path components"],
  ["bad_host.io:99999999/api", "registry"],
]);

table("image tag", imageTagProblem, [
  ["v1.0.0", undefined],
  ["sha-abc_DEF.1", undefined],
  [".hidden", "must be an OCI tag"],
  ["-x", "must be an OCI tag"],
  ["a b", "must be an OCI tag"],
  ["x".repeat(129), "must be an OCI tag"],
]);

table("Git repository URL", gitRepositoryUrlProblem, [
  ["https://github.com/example-org/platform-gitops.git", undefined],
  ["ssh://git@github.com/acme/infra.git", undefined],
  ["git@github.com:acme/infra.git", undefined],
  ["file:///etc", "not file://"],
  ["http://github.com/acme/x.git", "not http://"],
  ["https://user:secret@github.com/acme/x.git", "must not embed credentials"],
  ["https://github.com/acme/../../x", "'..'"],
  ["https://github.com/acme/x.git; rm -rf /", "shell characters"],
  ["/etc/passwd", "must be a Git repository URL"],
  ["", "must not be empty"],
]);

table("repository path", repositoryPathProblem, [
  [".", undefined],
  ["clusters/production", undefined],
  ["./clusters/production/", undefined],
  ["../../..", "must not contain '..'"],
  ["a/../b", "must not contain '..'"],
  ["/etc", "must be relative"],
  ["a\\b", "must use '/'"],
  ["a b", "must be a relative folder"],
  ["", "must not be empty"],
]);

describe("GIVEN repository paths spelt several ways", () => {
  it.each([
    [".", "."],
    ["./", "."],
    ["./.", "."],
    ["teams/a", "teams/a"],
    ["./teams/./a/", "teams/a"],
    ["././apps", "apps"],
    ["a/.", "a"],
  ])("WHEN %j is normalized THEN it is %j, the folder Argo CD and Git resolve", (value, expected) => {
    expect(repositoryPathProblem(value)).toBeUndefined();
    expect(normalizedRepositoryPath(value)).toBe(expected);
  });
});

table("Git revision", gitRevisionProblem, [
  ["main", undefined],
  ["release/1.2", undefined],
  ["v1.0.0", undefined],
  ["a b", "must be a Git branch"],
  ["a..b", "must be a Git branch"],
  ["main.lock", "must be a Git branch"],
  ["-x", "must be a Git branch"],
  ["$(reboot)", "must be a Git branch"],
]);

table("HTTP probe path", httpPathProblem, [
  ["/ready", undefined],
  ["/healthz/live", undefined],
  ["ready", "must start with '/'"],
  ["/a b", "without spaces"],
  ['/a"b', "without spaces, quotes"],
]);

table("label key", labelKeyProblem, [
  ["role", undefined],
  ["example.com/tier", undefined],
  ["CriticalAddonsOnly", undefined],
  ["Bad Key", "name part"],
  ["Example.com/x", "prefix"],
  ["x".repeat(64), "1 to 63"],
]);

table("label value", labelValueProblem, [
  ["", undefined],
  ["system", undefined],
  ["a b", "must be empty or alphanumerics"],
  ["x".repeat(64), "at most 63"],
]);

table("GitHub repository", githubRepositoryProblem, [
  ["acme/api", undefined],
  ["acme/api.v2_x", undefined],
  ["acme", "must be owner/name"],
  ["acme/api/x", "must be owner/name"],
  ["acme/..", "not . or .."],
  ["-acme/api", "owner"],
]);

table("CIDR", (value) => cidrProblem(value, { minPrefix: 16, maxPrefix: 24 }), [
  ["10.0.0.0/16", undefined],
  ["10.0.0.1/16", "host bits set; the network of 10.0.0.1/16 is 10.0.0.0/16"],
  ["999.0.0.0/16", "octet above 255"],
  ["10.0.0.0/8", "prefix /8 must be between /16 and /24"],
  ["10.0.0.0", "must be an IPv4 CIDR"],
]);

describe("goDurationNanos and goDurationRangeProblem", () => {
  it.each([
    ["750ms", 750_000_000n],
    ["1h30m", 5_400_000_000_000n],
    ["2562047h47m16s854ms", 9_223_372_036_854_000_000n],
    ["0s", 0n],
    ["1.5h", undefined],
    ["Never", undefined],
  ])("GIVEN %s WHEN read THEN it is %s nanoseconds, exactly", (text, nanos) => {
    expect(goDurationNanos(text)).toBe(nanos);
  });

  it("GIVEN the durations either side of Go's longest WHEN judged THEN only the longer one is a problem", () => {
    expect(goDurationRangeProblem("9223372036s")).toBeUndefined();
    expect(goDurationRangeProblem("9223372037s")).toBe("9223372037s is longer than Go's longest duration, 2562047h47m16s (the controller could not read it); choose a shorter one");
    expect(MAX_GO_DURATION_NANOS).toBe(9_223_372_036_854_775_807n);
  });
});
