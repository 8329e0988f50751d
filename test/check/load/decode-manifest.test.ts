import { describe, expect, it } from "vitest";
import { BINARY_TEXT, decodeManifest, firstInvalidUtf8, lineOfOffset } from "../../../src/check/load/decode-manifest.js";

describe("decodeManifest", () => {
  const text = "kind: ConfigMap # café ☕\n";
  it.each([
    { name: "UTF-8 without a mark", bytes: Buffer.from(text) },
    { name: "UTF-8 with its mark", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) },
    { name: "UTF-16LE with its mark", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) },
    { name: "UTF-16BE with its mark", bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]) },
    { name: "UTF-16LE with a stray last byte", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le"), Buffer.from([0x41])]) },
  ])("GIVEN $name WHEN decoded THEN the text, without the mark", ({ bytes }) => {
    expect(decodeManifest(bytes)).toBe(text);
  });

  it("GIVEN bytes with NUL and no UTF-16 mark WHEN decoded THEN the binary marker (UTF-16 without a mark is not read by kubectl either)", () => {
    expect(decodeManifest(Buffer.from(text, "utf16le"))).toBe(BINARY_TEXT);
  });
});

describe("firstInvalidUtf8", () => {
  it.each([
    ["ASCII", [0x61, 0x62], undefined],
    ["é, €, 😀 in UTF-8", [...Buffer.from("é€😀")], undefined],
    ["a Latin-1 é after text", [0x61, 0xe9, 0x62], 1],
    ["a lone continuation byte", [0x80], 0],
    ["an overlong encoding of /", [0xc0, 0xaf], 0],
    ["a UTF-16 surrogate encoded in UTF-8", [0x61, 0xed, 0xa0, 0x80], 1],
    ["a sequence cut at the end", [0x61, 0xe2, 0x82], 1],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
  ])("GIVEN %s WHEN searching THEN the first bad byte is %s", (_, bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });
});

describe("lineOfOffset", () => {
  it("GIVEN bytes with line feeds WHEN asked for an offset's line THEN it counts the feeds before it", () => {
    const bytes = Buffer.from("a\nbc\n\nd");
    expect([0, 2, 5, 6].map((offset) => lineOfOffset(bytes, offset))).toEqual([1, 2, 3, 4]);
  });
});
