/**
 * Kubernetes' CIDR library (k8s.io/apiserver pkg/cel/library/cidr.go), over manifest/ip-address.ts:
 *
 *     cidr(<string>) <net.CIDR>                       error for an invalid prefix or IPv4-mapped IPv6
 *     isCIDR(<string>) <bool>
 *     <net.CIDR>.containsIP(<net.IP> | <string>) <bool>
 *     <net.CIDR>.containsCIDR(<net.CIDR> | <string>) <bool>
 *     <net.CIDR>.ip() <net.IP>, .masked() <net.CIDR>, .prefixLength() <int>
 *     string(<net.CIDR>) <string>
 *
 * As upstream's code (not its comment): host bits may be set (`cidr('192.168.0.1/24')` is
 * valid, `masked()` clears them), and `containsCIDR` is true only when the other prefix's
 * address is this prefix's network address and it is at least as long: upstream compares
 * `Masked()` with `PrefixFrom(other.Addr(), bits)`, which does not mask, so
 * `cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')` is false there, and here.
 */
import { celFunc, celMethod, CelScalar, type CelFunc, type CelValue } from "@bufbuild/cel";
import { formatAddress, formatPrefix, isIpv4InIpv6, maskPrefix, parsePrefix, prefixContains, type IpPrefix } from "../../../manifest/ip-address.js";
import { charge, lengthCost } from "./cost.js";
import { parseIp, unwrapIp, wrapIp } from "./ip.js";
import { CIDR_TYPE, IP_TYPE } from "./opaque-type.js";

function parseCidr(text: string): IpPrefix {
  charge(lengthCost(text.length));
  const fail = (why: string) => new Error(`network address parse error during conversion from string: ${why}`);
  let prefix: IpPrefix;
  try {
    prefix = parsePrefix(text);
  } catch (error) {
    throw fail(`network address parse error during conversion from string: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (isIpv4InIpv6(prefix.address)) throw fail(`IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`);
  return prefix;
}

const wrap = (prefix: IpPrefix) => CIDR_TYPE.wrap(formatPrefix(prefix));
const unwrap = (value: CelValue) => parsePrefix(CIDR_TYPE.unwrap(value));

function containsCidr(outer: IpPrefix, inner: IpPrefix): boolean {
  const network = maskPrefix(outer);
  return network.address.family === inner.address.family && formatAddress(network.address) === formatAddress(inner.address) && outer.bits <= inner.bits;
}

const CIDR = CIDR_TYPE.type;
const IP = IP_TYPE.type;
const { BOOL, INT, STRING } = CelScalar;

export const CIDR_LIBRARY: readonly CelFunc[] = [
  celFunc("cidr", [STRING], CIDR, (text) => wrap(parseCidr(text)) as never),
  celFunc("isCIDR", [STRING], BOOL, (text) => {
    try {
      parseCidr(text);
      return true;
    } catch {
      return false;
    }
  }),
  celFunc("string", [CIDR], STRING, (value) => CIDR_TYPE.unwrap(value)),
  celMethod("containsIP", CIDR, [IP], BOOL, function (address) {
    return prefixContains(unwrap(this), unwrapIp(address));
  }),
  celMethod("containsIP", CIDR, [STRING], BOOL, function (address) {
    return prefixContains(unwrap(this), parseIp(address));
  }),
  celMethod("containsCIDR", CIDR, [CIDR], BOOL, function (other) {
    return containsCidr(unwrap(this), unwrap(other));
  }),
  celMethod("containsCIDR", CIDR, [STRING], BOOL, function (other) {
    return containsCidr(unwrap(this), parseCidr(other));
  }),
  celMethod("ip", CIDR, [], IP, function () {
    return wrapIp(unwrap(this).address) as never;
  }),
  celMethod("masked", CIDR, [], CIDR, function () {
    return wrap(maskPrefix(unwrap(this))) as never;
  }),
  celMethod("prefixLength", CIDR, [], INT, function () {
    return BigInt(unwrap(this).bits);
  }),
];
