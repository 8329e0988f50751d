/**
 * Reads the files of a gzip-compressed tar archive (a packaged Helm chart) in memory.
 *
 * Helm writes charts with Go's archive/tar: USTAR headers, with PAX extended headers for
 * long paths; GNU long-name entries are read too because other packers use them. Only
 * regular files are returned; links and folders are skipped, as Helm's own loader does.
 * No dependency does this here (the install has no tar package), and the format is small.
 */
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/** Path inside the archive → file content. Throws Error on a truncated or corrupt archive. */
export function readTarGz(archive: Uint8Array): Map<string, Buffer> {
  return readTar(gunzipSync(archive));
}

export function readTar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (!checksumMatches(header)) throw new Error(`corrupt tar header at byte ${offset}`);
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + BLOCK;
    const end = start + size;
    if (end > tar.length) throw new Error(`truncated tar entry at byte ${offset}`);
    const body = tar.subarray(start, end);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = cString(body);
      continue;
    }
    if (type === "x") {
      paxPath = paxRecords(body).get("path");
      continue;
    }
    if (type === "g") continue;
    const prefix = cString(header.subarray(345, 500));
    const name = cString(header.subarray(0, 100));
    const path = paxPath ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    longName = undefined;
    paxPath = undefined;
    if (type === "0" || type === "\0" || type === "7") files.set(path.replace(/^\.\//, ""), Buffer.from(body));
  }
  return files;
}

function checksumMatches(header: Buffer): boolean {
  const expected = parseOctal(header.subarray(148, 156));
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : (header[index] ?? 0);
  return sum === expected;
}

function parseOctal(field: Buffer): number {
  const text = cString(field).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}

/** PAX records are `<length> <key>=<value>\n`, the length counting the whole record. */
function paxRecords(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number.parseInt(body.subarray(offset, space).toString("utf8"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.subarray(space + 1, offset + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (equals !== -1) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}
