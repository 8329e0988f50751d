import { describe, expect, it } from "vitest";
import { evaluateCel } from "../../../support/evaluate-cel.js";

describe("Kubernetes' URL library", () => {
  // Upstream's examples (urls.go).
  it.each([
    { expression: "url('https://user:pass@example.com:80/path?query=val#fragment')", expected: "kubernetes.URL(https://user:pass@example.com:80/path?query=val#fragment)" },
    { expression: "url('/absolute-path')", expected: "kubernetes.URL(/absolute-path)" },
    { expression: "url('https://a:b:c/')", expected: expect.stringMatching(/^error: URL parse error during conversion from string: .*invalid port ":c" after host/) },
    { expression: "url('../relative-path')", expected: expect.stringMatching(/^error: URL parse error during conversion from string: .*invalid URI for request/) },
    { expression: "isURL('https://user:pass@example.com:80/path?query=val#fragment')", expected: true },
    { expression: "isURL('/absolute-path')", expected: true },
    { expression: "isURL('https://a:b:c/')", expected: false },
    { expression: "isURL('../relative-path')", expected: false },
    { expression: "url('/path').getScheme()", expected: "" },
    { expression: "url('https://example.com/').getScheme()", expected: "https" },
    { expression: "url('https://example.com:80/').getHost()", expected: "example.com:80" },
    { expression: "url('https://example.com/').getHost()", expected: "example.com" },
    { expression: "url('https://[::1]:80/').getHost()", expected: "[::1]:80" },
    { expression: "url('https://[::1]/').getHost()", expected: "[::1]" },
    { expression: "url('/path').getHost()", expected: "" },
    { expression: "url('https://example.com:80/').getHostname()", expected: "example.com" },
    { expression: "url('https://127.0.0.1:80/').getHostname()", expected: "127.0.0.1" },
    { expression: "url('https://[::1]:80/').getHostname()", expected: "::1" },
    { expression: "url('/path').getHostname()", expected: "" },
    { expression: "url('https://example.com:80/').getPort()", expected: "80" },
    { expression: "url('https://example.com/').getPort()", expected: "" },
    { expression: "url('/path').getPort()", expected: "" },
    { expression: "url('https://example.com/path').getEscapedPath()", expected: "/path" },
    { expression: "url('https://example.com/path with spaces/').getEscapedPath()", expected: "/path%20with%20spaces/" },
    { expression: "url('https://example.com').getEscapedPath()", expected: "" },
    { expression: "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", expected: { k1: ["a"], k2: ["b", "c"] } },
    { expression: "url('https://example.com/path?key with spaces=value with spaces').getQuery()", expected: { "key with spaces": ["value with spaces"] } },
    { expression: "url('https://example.com/path?').getQuery()", expected: {} },
    { expression: "url('https://example.com/path').getQuery()", expected: {} },
    // Go's parser rules beyond the examples.
    { expression: "isURL('')", expected: false },
    { expression: "isURL('example.com')", expected: false },
    { expression: "isURL('HTTPS://Example.com') && url('HTTPS://Example.com').getScheme() == 'https'", expected: true },
    { expression: "isURL('mailto:someone@example.com') && url('mailto:someone@example.com').getHost() == ''", expected: true },
    { expression: "isURL('https://exa mple.com/')", expected: false },
    { expression: "isURL('https://example.com/%zz')", expected: false },
    { expression: "isURL('https://example.com:/')", expected: true },
    { expression: "isURL('1http://example.com/')", expected: false },
    // ParseRequestURI takes `//example.com/x` for a path, but url.Parse, which upstream reads the parts from, finds a host.
    { expression: "url('//example.com/x').getHost()", expected: "example.com" },
    { expression: "url('https://example.com/a%2Fb').getEscapedPath()", expected: "/a%2Fb" },
    { expression: "url('https://example.com/?a=1+2&b=%41;c=3&d').getQuery()", expected: { a: ["1 2"], d: [""] } },
    { expression: "type(url('/x')) == kubernetes.URL", expected: true },
  ])("GIVEN $expression WHEN evaluated THEN $expected", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });

  it("GIVEN a URL of a million characters WHEN read THEN in linear time (no per-character allocation)", () => {
    const started = performance.now();
    expect(evaluateCel("url('/' + self + '%20x?a=' + self).getEscapedPath().size()", "p".repeat(1_000_000))).toBe(1_000_005n);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
