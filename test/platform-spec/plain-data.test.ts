import { describe, expect, it } from "vitest";
import type { SlipwayError } from "../../src/errors.js";
import { formatPath, MAX_SPEC_DEPTH, objectKind, toPlainData } from "../../src/platform-spec/plain-data.js";

function problemsOf(value: unknown): readonly string[] {
  try {
    toPlainData(value, "slipway.config.ts");
  } catch (error) {
    expect(error).toMatchObject({ code: "SPEC_UNREADABLE", where: "slipway.config.ts" });
    return (error as SlipwayError).problems;
  }
  throw new Error("expected the value to be refused");
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

describe("toPlainData", () => {
  it("GIVEN plain data with one object at two places WHEN copying THEN the copy is equal and shares nothing with the input", () => {
    const shared = { cpu: "1" };
    const input = { list: [1, "two", true, null, { x: shared }], other: shared };
    const copy = toPlainData(input, "slipway.yaml") as typeof input;
    expect(copy).toEqual(input);
    expect(copy.other).not.toBe(shared);
  });

  it("GIVEN a getter WHEN copying THEN it is read once, so validation and synthesis see the same value", () => {
    let reads = 0;
    const copy = toPlainData({ get name() { return `read-${(reads += 1)}`; } }, "slipway.config.ts");
    expect(copy).toEqual({ name: "read-1" });
    expect(reads).toBe(1);
  });

  it("GIVEN __proto__ as an own key (JSON.parse makes one) WHEN copying THEN it stays an own key for the reserved-name check", () => {
    const copy = toPlainData(JSON.parse('{"teams": {"__proto__": {}}}'), "slipway.json") as { teams: object };
    expect(Object.keys(copy.teams)).toEqual(["__proto__"]);
  });

  it.each([
    ["a cycle through a list", (() => { const list: unknown[] = []; list.push({ back: list }); return { l: list }; })(), ["l[0].back: contains itself (a circular reference); give the field its own copy of the value"]],
    ["a Set and a Uint8Array", { a: new Set([1]), b: new Uint8Array(2) }, ["a: is a Set, not plain data; write it as an object or a list", "b: is a Uint8Array, not plain data; write it as an object or a list"]],
    ["a Promise at the root", Promise.resolve({}), ["(root): is a Promise, not the spec object; await it where the file builds it"]],
    ["a BigInt in a list", { zones: [1n] }, ["zones[0]: is the BigInt 1n; write the number without the n"]],
    [`nesting deeper than ${MAX_SPEC_DEPTH} levels`, nested(MAX_SPEC_DEPTH + 1), [`${formatPath(Array<string>(MAX_SPEC_DEPTH + 1).fill("a"))}: is nested deeper than ${MAX_SPEC_DEPTH} levels; no spec field is this deep`]],
  ])("GIVEN %s WHEN copying THEN every place is a problem naming its field", (_, value, problems) => {
    expect(problemsOf(value)).toEqual(problems);
  });

  it(`GIVEN nesting of exactly ${MAX_SPEC_DEPTH} levels WHEN copying THEN it is accepted`, () => {
    expect(toPlainData(nested(MAX_SPEC_DEPTH), "slipway.yaml")).toEqual(nested(MAX_SPEC_DEPTH));
  });

  it("GIVEN objects of other kinds WHEN asking their kind THEN plain objects, null-prototype objects and lists have none", () => {
    expect([objectKind({}), objectKind(Object.create(null) as object), objectKind([]), objectKind(new Date(0)), objectKind(new (class Spec {})())]).toEqual([
      undefined,
      undefined,
      undefined,
      "a Date",
      "a Spec",
    ]);
  });
});
