import { describe, expect, it } from "vitest";
import { BINARY_TEXT, decodeManifest } from "../../../src/check/load/decode-manifest.js";

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
