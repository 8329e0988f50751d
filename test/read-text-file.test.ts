import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTextFile } from "../src/read-text-file.js";

const ROLE = { what: "spec file", code: "SPEC_UNREADABLE", fix: "pass a spec file" } as const;

describe("readTextFile", () => {
  it("GIVEN a UTF-8 file with a byte order mark and CRLF WHEN reading THEN the mark is gone and the text is as written", () => {
    const path = join(mkdtempSync(join(tmpdir(), "slipway-spec-text-")), "slipway.yaml");
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("cluster:\r\n  name: x\r\n")]));
    expect(readTextFile(path, ROLE)).toBe("cluster:\r\n  name: x\r\n");
  });

  it("GIVEN bytes that are not UTF-8 on line 2 WHEN reading THEN SPEC_UNREADABLE names the byte and the line", () => {
    const path = join(mkdtempSync(join(tmpdir(), "slipway-spec-text-")), "slipway.yaml");
    writeFileSync(path, Buffer.from([...Buffer.from("a: 1\nb: "), 0x93, ...Buffer.from("quoted\n")]));
    expect(() => readTextFile(path, ROLE)).toThrow(expect.objectContaining({ code: "SPEC_UNREADABLE", where: `${path}:2`, message: "spec file is not UTF-8: byte 0x93 at line 2 starts no UTF-8 character" }));
  });
});
