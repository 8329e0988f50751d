import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readTar, readTarGz } from "../../src/charts/tar-archive.js";

/** One USTAR header block for a regular file (what Go's archive/tar writes for short names). */
function header(name: string, size: number, type = "0"): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, "utf8");
  block.write("0000644\0", 100);
  block.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  block.write(type, 156);
  block.write("ustar\0", 257);
  block.write("        ", 148);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}

function entry(name: string, content: string, type = "0"): Buffer {
  const body = Buffer.from(content);
  return Buffer.concat([header(name, body.length, type), body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

describe("readTar", () => {
  it("GIVEN files, a folder, a PAX path and a GNU long name WHEN read THEN only regular files come back under their full paths", () => {
    const long = `chart/${"x".repeat(120)}.yaml`;
    // A PAX record's length counts the whole record, its own digits included.
    const rest = ` path=${long}\n`;
    let length = rest.length + 1;
    while (String(length).length + rest.length !== length) length++;
    const pax = `${length}${rest}`;
    const archive = Buffer.concat([
      entry("chart/", "", "5"),
      entry("chart/Chart.yaml", "name: chart\n"),
      entry("PaxHeaders/x", pax, "x"),
      entry("ignored-short-name", "pax content"),
      entry("././@LongLink", "chart/gnu-long-name.yaml", "L"),
      entry("ignored", "gnu content"),
      Buffer.alloc(1024),
    ]);
    const files = readTarGz(gzipSync(archive));
    expect([...files.keys()]).toEqual(["chart/Chart.yaml", long, "chart/gnu-long-name.yaml"]);
    expect(files.get(long)?.toString()).toBe("pax content");
  });

  it.each([
    ["a corrupt header checksum", () => Buffer.concat([Buffer.from("x"), entry("a", "b").subarray(1)]), /corrupt tar header/],
    ["a truncated entry", () => entry("a", "b".repeat(600)).subarray(0, 700), /truncated tar entry/],
  ])("GIVEN %s WHEN read THEN it throws", (_case, make, message) => {
    expect(() => readTar(make())).toThrow(message);
  });
});
