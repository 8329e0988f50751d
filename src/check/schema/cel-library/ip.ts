/**
 * Kubernetes' IP library (k8s.io/apiserver pkg/cel/library/ip.go), over manifest/ip-address.ts:
 *
 *     ip(<string>) <net.IP>                 error for an invalid address, a zone or IPv4-mapped IPv6
 *     isIP(<string>) <bool>
 *     ip.isCanonical(<string>) <bool>       error for an invalid address
 *     <net.IP>.family() <int>               4 or 6
 *     <net.IP>.isUnspecified() / isLoopback() / isLinkLocalMulticast() / isLinkLocalUnicast() / isGlobalUnicast() <bool>
 *     string(<net.IP>) <string>             the canonical form
 *
 * The predicates are netip's (Addr.IsLoopback...), which upstream calls: IPv6 link-local
 * multicast is ff02::/16 there (upstream's comment says ff00::/8), and private IPv4 and
 * unique-local IPv6 addresses are global unicast.
 */
import { celFunc, celMethod, CelScalar, type CelFunc, type CelValue } from "@bufbuild/cel";
import { formatAddress, isIpv4InIpv6, parseAddress, type IpAddress } from "../../../manifest/ip-address.js";
import { charge, lengthCost } from "./cost.js";
import { IP_TYPE } from "./opaque-type.js";

/** upstream's parseIPAddr: netip.ParseAddr without zones or IPv4-mapped IPv6. */
export function parseIp(text: string): IpAddress {
  charge(lengthCost(text.length));
  let address: IpAddress;
  try {
    address = parseAddress(text);
  } catch (error) {
    throw new Error(`IP Address ${JSON.stringify(text)} parse error during conversion from string: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (address.zone !== "") throw new Error(`IP address ${JSON.stringify(text)} with zone value is not allowed`);
  if (isIpv4InIpv6(address)) throw new Error(`IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`);
  return address;
}

export function wrapIp(address: IpAddress) {
  return IP_TYPE.wrap(formatAddress(address));
}

export function unwrapIp(value: CelValue): IpAddress {
  return parseAddress(IP_TYPE.unwrap(value));
}

const IP = IP_TYPE.type;
const { BOOL, INT, STRING } = CelScalar;

function isLoopback(address: IpAddress): boolean {
  return address.family === 4 ? address.bytes[0] === 127 : address.bytes.slice(0, 15).every((byte) => byte === 0) && address.bytes[15] === 1;
}

function isUnspecified(address: IpAddress): boolean {
  return address.bytes.every((byte) => byte === 0);
}

function isMulticast(address: IpAddress): boolean {
  return address.family === 4 ? ((address.bytes[0] as number) & 0xf0) === 0xe0 : address.bytes[0] === 0xff;
}

function isLinkLocalUnicast(address: IpAddress): boolean {
  return address.family === 4 ? address.bytes[0] === 169 && address.bytes[1] === 254 : address.bytes[0] === 0xfe && ((address.bytes[1] as number) & 0xc0) === 0x80;
}

function isLinkLocalMulticast(address: IpAddress): boolean {
  return address.family === 4 ? address.bytes[0] === 224 && address.bytes[1] === 0 && address.bytes[2] === 0 : address.bytes[0] === 0xff && ((address.bytes[1] as number) & 0x0f) === 0x02;
}

function isGlobalUnicast(address: IpAddress): boolean {
  if (address.family === 4 && (isUnspecified(address) || address.bytes.every((byte) => byte === 255))) return false;
  return !isUnspecified(address) && !isLoopback(address) && !isMulticast(address) && !isLinkLocalUnicast(address);
}

const predicate = (name: string, test: (address: IpAddress) => boolean) =>
  celMethod(name, IP, [], BOOL, function () {
    return test(unwrapIp(this));
  });

export const IP_LIBRARY: readonly CelFunc[] = [
  celFunc("ip", [STRING], IP, (text) => wrapIp(parseIp(text)) as never),
  celFunc("isIP", [STRING], BOOL, (text) => {
    try {
      parseIp(text);
      return true;
    } catch {
      return false;
    }
  }),
  celFunc("ip.isCanonical", [STRING], BOOL, (text) => formatAddress(parseIp(text)) === text),
  celFunc("string", [IP], STRING, (value) => IP_TYPE.unwrap(value)),
  celMethod("family", IP, [], INT, function () {
    return BigInt(unwrapIp(this).family);
  }),
  predicate("isUnspecified", isUnspecified),
  predicate("isLoopback", isLoopback),
  predicate("isLinkLocalMulticast", isLinkLocalMulticast),
  predicate("isLinkLocalUnicast", isLinkLocalUnicast),
  predicate("isGlobalUnicast", isGlobalUnicast),
];
