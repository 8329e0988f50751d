/**
 * A manifest file's bytes → text, as go-yaml (which kubectl uses) decodes them: a byte
 * order mark selects UTF-8, UTF-16LE or UTF-16BE, and without one the file is UTF-8.
 * Windows editors save YAML as UTF-16 with a mark; read as UTF-8 it looked binary.
 * Line breaks and a UTF-8 mark left in text are normalised later (`normalizeLineBreaks`).
 */

/** Text NUL bytes never appear in: what `parseSource` reports as binary content. */
export const BINARY_TEXT = "\u0000";

export function decodeManifest(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return utf8(buffer.subarray(3));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2, 2 + evenLength(buffer.length - 2)).toString("utf16le");
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    // Node decodes only little-endian UTF-16: swap each pair of bytes on a copy.
    const swapped = Buffer.from(buffer.subarray(2, 2 + evenLength(buffer.length - 2)));
    return swapped.swap16().toString("utf16le");
  }
  return utf8(buffer);
}

function utf8(buffer: Buffer): string {
  return buffer.includes(0) ? BINARY_TEXT : buffer.toString("utf8");
}

/** A trailing odd byte is no character: dropped, as a decoder would. */
function evenLength(length: number): number {
  return length - (length % 2);
}

/**
 * Offset of the first byte that is not UTF-8 in a file read as UTF-8 (no UTF-16 mark), or
 * undefined. go-yaml, which kubectl and kustomize use, refuses such a file ("invalid
 * leading UTF-8 octet"), while decoding replaced the bytes with U+FFFD without a word.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  return firstInvalidUtf8(bytes);
}

/** 1-based line of a byte offset. */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const strict = new TextDecoder("utf-8", { fatal: true });
  try {
    strict.decode(bytes);
    return undefined;
  } catch {
    // The decoder does not say where: walk the sequences to find the offset.
    let offset = 0;
    while (offset < bytes.length) {
      const length = utf8SequenceLength(bytes, offset);
      if (length === 0) return offset;
      offset += length;
    }
    return undefined;
  }
}

/** Length of the well-formed UTF-8 sequence at `offset` (RFC 3629), or 0. */
function utf8SequenceLength(bytes: Uint8Array, offset: number): number {
  const first = bytes[offset] ?? 0;
  if (first < 0x80) return 1;
  const continuation = (index: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[offset + index];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

