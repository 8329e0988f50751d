import { describe, expect, it } from "vitest";
import { formatAddress, formatPrefix, isIpv4InIpv6, maskPrefix, parseAddress, parseCidrSloppy, parseIpSloppy, parsePrefix, prefixContains } from "../../src/manifest/ip-address.js";

describe("IP addresses and prefixes as Go's net/netip reads them", () => {
  it.each([
    { text: "192.0.2.1", canonical: "192.0.2.1" },
    { text: "0.0.0.0", canonical: "0.0.0.0" },
    { text: "::", canonical: "::" },
    { text: "::1", canonical: "::1" },
    { text: "2001:DB8:0:0:0:0:0:1", canonical: "2001:db8::1" },
    { text: "2001:db8:0:1:0:0:0:1", canonical: "2001:db8:0:1::1" },
    { text: "1:0:0:2:0:0:0:3", canonical: "1:0:0:2::3" },
    { text: "1:0:0:2:0:0:3:4", canonical: "1::2:0:0:3:4" },
    { text: "1:2:3:4:5:6:7:0", canonical: "1:2:3:4:5:6:7:0" },
    { text: "0:0:0:0:0:0:0:0", canonical: "::" },
    { text: "::ffff:192.0.2.1", canonical: "::ffff:c000:201" },
    { text: "fe80::1%eth0", canonical: "fe80::1%eth0" },
  ])("GIVEN $text WHEN parsed and printed THEN $canonical", ({ text, canonical }) => {
    expect(formatAddress(parseAddress(text))).toBe(canonical);
  });

  it.each([
    { text: "", why: "unable to parse IP" },
    { text: "1.2.3", why: "IPv4 address too short" },
    { text: "1.2.3.4.5", why: "IPv4 address too long" },
    { text: "1.2..4", why: "IPv4 field must have at least one digit" },
    { text: "01.2.3.4", why: "IPv4 field has octet with leading zero" },
    { text: "1.2.3.256", why: "IPv4 field has value >255" },
    { text: "1.2.3.a", why: "unexpected character" },
    { text: "1::2::3", why: "multiple :: in address" },
    { text: "1:2:3:4:5:6:7", why: "address string too short" },
    { text: "1:2:3:4:5:6:7::8:9", why: "address string too long" },
    { text: "12345::", why: "each colon-separated field must have at most 4 hex digits" },
    { text: "fe80::1%", why: "zone must be a non-empty string" },
    { text: "g::1", why: "unexpected character" },
  ])("GIVEN $text WHEN parsed THEN $why", ({ text, why }) => {
    expect(() => parseAddress(text)).toThrow(`ParseAddr(${JSON.stringify(text)}): ${why}`);
  });

  it("GIVEN IPv4 written as IPv6 WHEN asked THEN it is recognised (upstream refuses it)", () => {
    expect(isIpv4InIpv6(parseAddress("::ffff:1.2.3.4"))).toBe(true);
    expect(isIpv4InIpv6(parseAddress("::1.2.3.4"))).toBe(false);
  });

  it.each([
    { text: "10.1.2.3/8", canonical: "10.1.2.3/8", masked: "10.0.0.0/8" },
    { text: "2001:db8:1::/32", canonical: "2001:db8:1::/32", masked: "2001:db8::/32" },
    { text: "10.1.2.3/0", canonical: "10.1.2.3/0", masked: "0.0.0.0/0" },
    { text: "10.1.2.255/31", canonical: "10.1.2.255/31", masked: "10.1.2.254/31" },
  ])("GIVEN the prefix $text WHEN masked THEN $masked", ({ text, canonical, masked }) => {
    const prefix = parsePrefix(text);
    expect(formatPrefix(prefix)).toBe(canonical);
    expect(formatPrefix(maskPrefix(prefix))).toBe(masked);
  });

  it.each([
    { text: "10.0.0.0", why: "no '/'" },
    { text: "10.0.0.0/33", why: 'bad bits after slash: "33"' },
    { text: "10.0.0.0/08", why: 'bad bits after slash: "08"' },
    { text: "::/129", why: 'bad bits after slash: "129"' },
    { text: "fe80::1%eth0/64", why: "IPv6 zones cannot be present in a prefix" },
  ])("GIVEN the prefix $text WHEN parsed THEN $why", ({ text, why }) => {
    expect(() => parsePrefix(text)).toThrow(`netip.ParsePrefix(${JSON.stringify(text)}): ${why}`);
  });

  it.each([
    { prefix: "10.0.0.0/8", address: "10.255.0.1", contains: true },
    { prefix: "10.0.0.0/8", address: "11.0.0.1", contains: false },
    { prefix: "10.0.0.0/8", address: "::a00:1", contains: false },
    { prefix: "2001:db8::/126", address: "2001:db8::3", contains: true },
    { prefix: "2001:db8::/126", address: "2001:db8::4", contains: false },
    { prefix: "fe80::/10", address: "fe80::1%eth0", contains: false },
  ])("GIVEN $prefix WHEN asked for $address THEN $contains", ({ prefix, address, contains }) => {
    expect(prefixContains(parsePrefix(prefix), parseAddress(address))).toBe(contains);
  });

  it.each([
    { text: "10.0.0.1", read: "10.0.0.1" },
    { text: "010.000.000.001", read: "10.0.0.1" },
    { text: "2001:db8::1", read: "2001:db8::1" },
    { text: "::ffff:010.1.2.3", read: "::ffff:a01:203" },
    { text: "256.0.0.1", read: undefined },
    { text: "10.0.0", read: undefined },
    { text: "fe80::1%eth0", read: undefined },
    { text: "example.com", read: undefined },
    { text: "", read: undefined },
  ])("GIVEN $text WHEN read as the API server's legacy IP fields read it (ParseIPSloppy) THEN $read", ({ text, read }) => {
    const address = parseIpSloppy(text);
    expect(address === undefined ? undefined : formatAddress(address)).toBe(read);
  });

  it.each([
    { text: "10.0.0.0/8", read: "10.0.0.0/8" },
    { text: "10.0.0.1/8", read: "10.0.0.1/8" },
    { text: "010.0.0.0/08", read: "10.0.0.0/8" },
    { text: "2001:db8::/32", read: "2001:db8::/32" },
    { text: "10.0.0.0", read: undefined },
    { text: "10.0.0.0/33", read: undefined },
    { text: "10.0.0.0/", read: undefined },
    { text: "::/129", read: undefined },
    { text: "10.0.0.0/8/8", read: undefined },
    { text: "office", read: undefined },
  ])("GIVEN $text WHEN read as a legacy CIDR field (ParseCIDRSloppy) THEN $read", ({ text, read }) => {
    const prefix = parseCidrSloppy(text);
    expect(prefix === undefined ? undefined : formatPrefix(prefix)).toBe(read);
  });
});
