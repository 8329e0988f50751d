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
