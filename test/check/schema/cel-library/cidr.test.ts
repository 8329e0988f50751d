import { describe, expect, it } from "vitest";
import { evaluateCel } from "../../../support/evaluate-cel.js";

describe("Kubernetes' CIDR library", () => {
  // Upstream's table (cidr_test.go).
  it.each([
    { expression: "cidr(dyn('192.168.0.0/24'))", expected: "net.CIDR(192.168.0.0/24)" },
    {
      expression: "cidr('192.168.0.0/')",
      expected: 'error: network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""',
    },
    { expression: "cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))", expected: true },
    { expression: "cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", expected: false },
    { expression: "cidr('192.168.0.0/24').containsIP('192.168.0.1')", expected: true },
    { expression: "cidr('192.168.0.0/24').containsIP('192.168.1.1')", expected: false },
    { expression: "cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25'))", expected: true },
    { expression: "cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23'))", expected: false },
    { expression: "cidr('192.168.0.0/24').containsCIDR('192.168.0.0/25')", expected: true },
    { expression: "cidr('192.168.0.0/24').containsCIDR('192.168.0.0/23')", expected: false },
    { expression: "cidr('192.168.0.0/24').ip()", expected: "net.IP(192.168.0.0)" },
    { expression: "cidr('192.168.0.0/24').masked()", expected: "net.CIDR(192.168.0.0/24)" },
    { expression: "cidr('192.168.0.1/24').masked()", expected: "net.CIDR(192.168.0.0/24)" },
    { expression: "cidr('192.168.0.0/24').prefixLength()", expected: 24n },
    { expression: "cidr('2001:db8::/32')", expected: "net.CIDR(2001:db8::/32)" },
    { expression: "cidr('2001:db8::/32').containsIP(ip('2001:db8::1'))", expected: true },
    { expression: "cidr('2001:db8::/32').containsIP(ip('2001:dc8::1'))", expected: false },
    { expression: "cidr('2001:db8::/32').containsCIDR(cidr('2001:db8::/33'))", expected: true },
    { expression: "cidr('2001:db8::/32').containsCIDR(cidr('2001:db8::/31'))", expected: false },
    { expression: "cidr('2001:db8::/32').ip()", expected: "net.IP(2001:db8::)" },
    { expression: "cidr('2001:db8:1::/32').masked()", expected: "net.CIDR(2001:db8::/32)" },
    { expression: "cidr('2001:db8::/32').prefixLength()", expected: 32n },
    { expression: "string(cidr('192.168.0.0/24'))", expected: "192.168.0.0/24" },
    { expression: "type(cidr('192.168.0.0/24')) == net.CIDR", expected: true },
    // Beyond upstream's table: its doc comment's examples, as its code answers them.
    { expression: "cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))", expected: false },
    { expression: "cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()", expected: true },
    { expression: "cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", expected: false },
    { expression: "isCIDR('192.168.0.0/16') && isCIDR('::1/128')", expected: true },
    { expression: "isCIDR('192.168.0.0/33') || isCIDR('::1/129') || isCIDR('10.0.0.0/08') || isCIDR('fe80::/10%eth0')", expected: false },
    { expression: "cidr('::ffff:1.2.3.4/120')", expected: expect.stringMatching(/IPv4-mapped IPv6 address/) },
    { expression: "cidr('10.0.0.0/8').containsIP('::1')", expected: false },
    { expression: "cidr('0.0.0.0/0').containsIP('255.255.255.255')", expected: true },
  ])("GIVEN $expression WHEN evaluated THEN $expected", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });
});
