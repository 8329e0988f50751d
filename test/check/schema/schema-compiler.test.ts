/**
 * The compiled-validator cache: a validator found on disk by its fingerprint is used
 * without making its schema (no conversion) and without compiling, and validates exactly
 * as the freshly compiled one did.
 */
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileByFingerprint } from "../../../src/check/schema/schema-compiler.js";
import type { JsonSchema } from "../../../src/check/schema/to-json-schema.js";

const SCHEMA: JsonSchema = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: { name: { type: "string", pattern: "^[a-z]+$" }, replicas: { type: "integer", minimum: 0 } },
};
/** `(?i)` is RE2, not JavaScript: the validator is compiled (and cached) without that pattern. */
const RE2_SCHEMA: JsonSchema = { type: "object", properties: { name: { type: "string", pattern: "(?i)^[a-z]+$" }, size: { type: "integer" } } };

const DOCUMENTS = [{ name: "web" }, { name: "Web", replicas: -1, extra: true }, { replicas: "2" }, { name: "ABC", size: "x" }, { name: "ABC", size: 1 }];

let cacheHome: string;
const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, SLIPWAY_NO_CACHE: process.env.SLIPWAY_NO_CACHE };
beforeEach(() => {
  cacheHome = mkdtempSync(join(tmpdir(), "slipway-validators-"));
  process.env.XDG_CACHE_HOME = cacheHome;
  delete process.env.SLIPWAY_NO_CACHE;
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A schema maker that counts how often it is asked. */
function counted(schema: JsonSchema): { make: () => JsonSchema; calls: () => number } {
  let calls = 0;
  return {
    make: () => {
      calls++;
      return structuredClone(schema);
    },
    calls: () => calls,
  };
}

const run = (key: string, fingerprint: string, make: () => JsonSchema) => {
  const compiled = compileByFingerprint(key, fingerprint, make);
  return DOCUMENTS.map((document) => compiled.validate(document)?.map((error) => `${error.instancePath} ${error.keyword} ${error.message}`) ?? "valid");
};

describe("compileByFingerprint", () => {
  it.each([
    { name: "a schema", schema: SCHEMA },
    { name: "a schema with a pattern JavaScript cannot compile", schema: RE2_SCHEMA },
  ])("GIVEN $name compiled once into an empty cache WHEN a later run asks for the same fingerprint THEN it neither makes the schema nor compiles, and validates identically", ({ schema }) => {
    const fingerprint = `test/${Math.random()}`;
    const first = counted(schema);
    const fresh = run(`first-${fingerprint}`, fingerprint, first.make);
    expect(first.calls()).toBeGreaterThan(0);
    const validators = join(cacheHome, "slipway", "validators");
    const code = () => readdirSync(validators).filter((name) => name.endsWith(".cjs"));
    const files = code();
    expect(files.length).toBeGreaterThanOrEqual(2); // the fast and the exhaustive validator

    const later = counted(schema);
    expect(run(`later-${fingerprint}`, fingerprint, later.make)).toStrictEqual(fresh);
    expect(later.calls()).toBe(0);
    expect(code()).toStrictEqual(files);
    // Loading cached code leaves V8's code cache beside it, for the next run.
    expect(readdirSync(validators).filter((name) => name.endsWith(".cjs.v8")).sort()).toStrictEqual(files.map((name) => `${name}.v8`).sort());
  });

  // (Rewriting it shows only in a new process: V8 answers a source it compiled already from memory.)
  it("GIVEN a damaged V8 code cache WHEN the validator is loaded THEN it validates identically", () => {
    const fingerprint = `damaged/${Math.random()}`;
    const fresh = run(`fresh-${fingerprint}`, fingerprint, () => SCHEMA);
    run(`warm-${fingerprint}`, fingerprint, () => SCHEMA);
    const validators = join(cacheHome, "slipway", "validators");
    const caches = readdirSync(validators).filter((name) => name.endsWith(".v8"));
    expect(caches.length).toBeGreaterThan(0);
    for (const name of caches) writeFileSync(join(validators, name), "not a code cache");
    expect(run(`damaged-${fingerprint}`, fingerprint, () => ({}))).toStrictEqual(fresh);
  });

  it("GIVEN the RE2 pattern WHEN validated THEN the pattern is ignored while the rest of the schema holds", () => {
    expect(run(`re2-${Math.random()}`, `re2/${Math.random()}`, () => RE2_SCHEMA)).toStrictEqual(["valid", "valid", "valid", ["/size type must be integer"], "valid"]);
  });

  it("GIVEN SLIPWAY_NO_CACHE=1 WHEN a fingerprint is compiled twice under two keys THEN the schema is made each time and nothing is written", () => {
    process.env.SLIPWAY_NO_CACHE = "1";
    const fingerprint = `nocache/${Math.random()}`;
    const maker = counted(SCHEMA);
    const first = run(`a-${fingerprint}`, fingerprint, maker.make);
    const calls = maker.calls();
    expect(run(`b-${fingerprint}`, fingerprint, maker.make)).toStrictEqual(first);
    expect(maker.calls()).toBeGreaterThan(calls);
    expect(readdirSync(cacheHome)).toStrictEqual([]);
  });
});
