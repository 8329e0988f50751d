import { describe, expect, it } from "vitest";
import { evaluateCel } from "../../../support/evaluate-cel.js";

describe("Kubernetes' IP library", () => {
  // Upstream's examples (ip.go).
  it.each([
    { expression: "ip('127.0.0.1')", expected: "net.IP(127.0.0.1)" },
    { expression: "ip('::1')", expected: "net.IP(::1)" },
    { expression: "ip('127.0.0.256')", expected: expect.stringMatching(/^error: IP Address "127.0.0.256" parse error during conversion from string: .*IPv4 field has value >255/) },
    { expression: "ip(':::1')", expected: expect.stringMatching(/^error: IP Address ":::1" parse error/) },
    { expression: "isIP('127.0.0.1')", expected: true },
    { expression: "isIP('::1')", expected: true },
    { expression: "isIP('127.0.0.256')", expected: false },
    { expression: "isIP(':::1')", expected: false },
    { expression: "ip.isCanonical('127.0.0.1')", expected: true },
    { expression: "ip.isCanonical('2001:db8::abcd')", expected: true },
    { expression: "ip.isCanonical('2001:DB8::ABCD')", expected: false },
    { expression: "ip.isCanonical('2001:db8::0:0:0:abcd')", expected: false },
    { expression: "ip('127.0.0.1').family() == 4", expected: true },
    { expression: "ip('::1').family() == 6", expected: true },
    { expression: "ip('0.0.0.0').isUnspecified()", expected: true },
    { expression: "ip('127.0.0.1').isUnspecified()", expected: false },
    { expression: "ip('::').isUnspecified()", expected: true },
    { expression: "ip('::1').isUnspecified()", expected: false },
    { expression: "ip('127.0.0.1').isLoopback()", expected: true },
    { expression: "ip('192.168.0.1').isLoopback()", expected: false },
    { expression: "ip('::1').isLoopback()", expected: true },
    { expression: "ip('2001:db8::abcd').isLoopback()", expected: false },
    { expression: "ip('224.0.0.1').isLinkLocalMulticast()", expected: true },
    { expression: "ip('224.0.1.1').isLinkLocalMulticast()", expected: false },
    { expression: "ip('ff02::1').isLinkLocalMulticast()", expected: true },
    { expression: "ip('fd00::1').isLinkLocalMulticast()", expected: false },
    { expression: "ip('169.254.169.254').isLinkLocalUnicast()", expected: true },
    { expression: "ip('192.168.0.1').isLinkLocalUnicast()", expected: false },
    { expression: "ip('fe80::1').isLinkLocalUnicast()", expected: true },
    { expression: "ip('fd80::1').isLinkLocalUnicast()", expected: false },
    { expression: "ip('192.168.0.1').isGlobalUnicast()", expected: true },
    { expression: "ip('255.255.255.255').isGlobalUnicast()", expected: false },
    { expression: "ip('2001:db8::abcd').isGlobalUnicast()", expected: true },
    { expression: "ip('ff00::1').isGlobalUnicast()", expected: false },
    // netip's parsing rules that upstream relies on.
    { expression: "isIP('010.0.0.1')", expected: false },
    { expression: "ip('fe80::1%eth0')", expected: 'error: IP address "fe80::1%eth0" with zone value is not allowed' },
    { expression: "ip('::ffff:1.2.3.4')", expected: 'error: IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed' },
    { expression: "isIP('1:2:3:4:5:6:7:8')", expected: true },
    { expression: "isIP('1:2:3:4:5:6:7:8:9')", expected: false },
    { expression: "isIP('1::2::3')", expected: false },
    { expression: "isIP('12345::1')", expected: false },
    { expression: "isIP('64:ff9b::192.0.2.33')", expected: true },
    { expression: "string(ip('2001:0DB8:0:0:1:0:0:1'))", expected: "2001:db8::1:0:0:1" },
    { expression: "string(ip('1:0:2:0:0:3:0:0'))", expected: "1:0:2::3:0:0" },
    { expression: "ip('::1') == ip('0:0::1')", expected: true },
    { expression: "type(ip('::1')) == net.IP", expected: true },
  ])("GIVEN $expression WHEN evaluated THEN $expected", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });
});
