/**
 * IP addresses and prefixes as Go's net/netip parses and prints them (ParseAddr,
 * ParsePrefix, Addr.String), which Kubernetes' ip and cidr CEL libraries build on, and as
 * the API server's legacy IP fields read them (`parseIpSloppy`, `parseCidrSloppy`):
 * - IPv4 is four decimal fields 0-255 without leading zeros (`010.0.0.1` is refused);
 * - IPv6 has at most one `::`, fields of 1-4 hex digits, an optional trailing IPv4 part
 *   and an optional `%zone`;
 * - the canonical text is netip's: IPv6 in lower case, the longest run of two or more zero
 *   fields (the first on a tie) written `::`, no leading zeros.
 */

export interface IpAddress {
  readonly family: 4 | 6;
  /** 4 or 16 bytes. */
  readonly bytes: readonly number[];
  readonly zone: string;
}

export interface IpPrefix {
  readonly address: IpAddress;
  readonly bits: number;
}

export function parseAddress(text: string): IpAddress {
  for (const char of text) {
    if (char === ".") return { family: 4, bytes: parseIpv4(text, text), zone: "" };
    if (char === ":") return parseIpv6(text);
  }
  throw new Error(`ParseAddr(${JSON.stringify(text)}): unable to parse IP`);
}

function parseIpv4(text: string, whole: string): number[] {
  const fail = (why: string) => new Error(`ParseAddr(${JSON.stringify(whole)}): ${why}`);
  const fields = text.split(".");
  if (fields.length !== 4) throw fail(fields.length < 4 ? "IPv4 address too short" : "IPv4 address too long");
  return fields.map((field) => {
    if (field === "") throw fail("IPv4 field must have at least one digit");
    if (!/^[0-9]+$/.test(field)) throw fail("unexpected character");
    if (field.length > 1 && field.startsWith("0")) throw fail("IPv4 field has octet with leading zero");
    const value = Number(field);
    if (value > 255) throw fail("IPv4 field has value >255");
    return value;
  });
}

function parseIpv6(text: string): IpAddress {
  const fail = (why: string) => new Error(`ParseAddr(${JSON.stringify(text)}): ${why}`);
  let rest = text;
  let zone = "";
  const percent = rest.indexOf("%");
  if (percent >= 0) {
    zone = rest.slice(percent + 1);
    rest = rest.slice(0, percent);
    if (zone === "") throw fail("zone must be a non-empty string");
  }
  const halves = rest.split("::");
  if (halves.length > 2) throw fail("multiple :: in address");
  const groups = (part: string, last: boolean): number[] => {
    if (part === "") return [];
    const fields = part.split(":");
    const bytes: number[] = [];
    fields.forEach((field, index) => {
      if (last && index === fields.length - 1 && field.includes(".")) {
        bytes.push(...parseIpv4(field, text));
        return;
      }
      if (field === "") throw fail("colon must be followed by more characters");
      if (!/^[0-9a-fA-F]+$/.test(field)) throw fail("unexpected character");
      if (field.length > 4) throw fail("each colon-separated field must have at most 4 hex digits");
      const value = Number.parseInt(field, 16);
      bytes.push(value >> 8, value & 0xff);
    });
    return bytes;
  };
  const head = groups(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1] as string, true) : [];
  if (halves.length === 1) {
    if (head.length !== 16) throw fail("address string too short");
    return { family: 6, bytes: head, zone };
  }
  if (head.length + tail.length > 14) throw fail("address string too long");
  return { family: 6, bytes: [...head, ...Array.from({ length: 16 - head.length - tail.length }, () => 0), ...tail], zone };
}

/** netip's Addr.String. */
export function formatAddress(address: IpAddress): string {
  if (address.family === 4) return address.bytes.join(".");
  const fields = Array.from({ length: 8 }, (_, index) => ((address.bytes[index * 2] as number) << 8) | (address.bytes[index * 2 + 1] as number));
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && fields[start + length] === 0) length++;
    if (length >= 2 && length > bestLength) [bestStart, bestLength] = [start, length];
  }
  let text = "";
  for (let index = 0; index < 8; index++) {
    if (index === bestStart) {
      text += "::";
      index += bestLength - 1;
      continue;
    }
    if (text !== "" && !text.endsWith(":")) text += ":";
    text += (fields[index] as number).toString(16);
  }
  return address.zone === "" ? text : `${text}%${address.zone}`;
}

/** Whether the address is IPv4 written as IPv6 (`::ffff:1.2.3.4`). */
export function isIpv4InIpv6(address: IpAddress): boolean {
  return address.family === 6 && address.bytes.slice(0, 10).every((byte) => byte === 0) && address.bytes[10] === 0xff && address.bytes[11] === 0xff;
}

export function parsePrefix(text: string): IpPrefix {
  const fail = (why: string) => new Error(`netip.ParsePrefix(${JSON.stringify(text)}): ${why}`);
  const slash = text.lastIndexOf("/");
  if (slash < 0) throw fail("no '/'");
  const address = parseAddress(text.slice(0, slash));
  if (address.zone !== "") throw fail("IPv6 zones cannot be present in a prefix");
  const bitsText = text.slice(slash + 1);
  const maximum = address.family === 4 ? 32 : 128;
  if (!/^[0-9]+$/.test(bitsText) || (bitsText.length > 1 && bitsText.startsWith("0")) || Number(bitsText) > maximum) throw fail(`bad bits after slash: ${JSON.stringify(bitsText)}`);
  return { address, bits: Number(bitsText) };
}

export function formatPrefix(prefix: IpPrefix): string {
  return `${formatAddress(prefix.address)}/${prefix.bits}`;
}

/** The prefix with the host bits cleared (netip's Prefix.Masked). */
export function maskPrefix(prefix: IpPrefix): IpPrefix {
  const bytes = prefix.address.bytes.map((byte, index) => {
    const kept = Math.max(0, Math.min(8, prefix.bits - index * 8));
    return byte & ((0xff << (8 - kept)) & 0xff);
  });
  return { address: { ...prefix.address, bytes }, bits: prefix.bits };
}

/** netip's Prefix.Contains: same family, and the first `bits` bits equal. */
export function prefixContains(prefix: IpPrefix, address: IpAddress): boolean {
  if (address.family !== prefix.address.family || address.zone !== "") return false;
  const masked = maskPrefix(prefix).address.bytes;
  const candidate = maskPrefix({ address, bits: prefix.bits }).address.bytes;
  return masked.every((byte, index) => byte === candidate[index]);
}

/**
 * netutils.ParseIPSloppy (k8s.io/utils/net), which the API server uses for the IP fields that
 * predate strict validation (a Service's externalIPs, an Ingress host): Go's net.ParseIP as
 * before Go 1.17, which read IPv4 fields with leading zeros as decimal (`010.0.0.1` is
 * 10.0.0.1), and knows no zones. Undefined when the text is no IP address.
 */
export function parseIpSloppy(text: string): IpAddress | undefined {
  if (text.includes("%")) return undefined;
  // Only the dotted IPv4 part (alone, or at the end of an IPv6 address) may be zero-padded.
  const lastColon = text.lastIndexOf(":");
  const dotted = text.slice(lastColon + 1);
  const unpadded = dotted.includes(".") ? dotted.split(".").map((field) => (/^[0-9]+$/.test(field) ? String(Number(field)) : field)).join(".") : dotted;
  try {
    return parseAddress(text.slice(0, lastColon + 1) + unpadded);
  } catch {
    return undefined;
  }
}

/**
 * netutils.ParseCIDRSloppy: an address as parseIpSloppy reads it, `/`, and a prefix length of
 * decimal digits (leading zeros allowed) within the address's bits. Host bits may be set
 * (`10.0.0.1/8`), as net.ParseCIDR allows. Undefined when the text is no CIDR.
 */
export function parseCidrSloppy(text: string): IpPrefix | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseIpSloppy(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (address === undefined || !/^[0-9]+$/.test(bits)) return undefined;
  const length = Number(bits);
  return length <= (address.family === 4 ? 32 : 128) ? { address, bits: length } : undefined;
}
