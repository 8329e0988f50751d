import { celList, celMap, celUint, type CelValue } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { celCompare, celEquals } from "../../../../src/check/schema/cel-library/compare.js";
import { QUANTITY_TYPE, URL_TYPE } from "../../../../src/check/schema/cel-library/opaque-type.js";

const list = (...items: CelValue[]) => celList(items);

describe("CEL equality and ordering of runtime values", () => {
  it.each([
    { name: "int and double of one value", left: 1n, right: 1, equal: true },
    { name: "int and uint", left: 2n, right: celUint(2n), equal: true },
    { name: "int and a double with a fraction", left: 1n, right: 1.5, equal: false },
    { name: "NaN and NaN", left: Number.NaN, right: Number.NaN, equal: false },
    { name: "strings", left: "a", right: "a", equal: true },
    { name: "a string and an int", left: "1", right: 1n, equal: false },
    { name: "null and null", left: null, right: null, equal: true },
    { name: "bytes", left: new Uint8Array([1, 2]), right: new Uint8Array([1, 2]), equal: true },
    { name: "lists element by element (1 == 1.0)", left: list(1n, "a"), right: list(1, "a"), equal: true },
    { name: "lists of different sizes", left: list(1n), right: list(1n, 2n), equal: false },
    { name: "maps by key", left: celMap(new Map([["a", 1n]])), right: celMap(new Map([["a", 1n]])), equal: true },
    { name: "maps with another value", left: celMap(new Map([["a", 1n]])), right: celMap(new Map([["a", 2n]])), equal: false },
    { name: "opaque values of one type and value", left: QUANTITY_TYPE.wrap("1/1"), right: QUANTITY_TYPE.wrap("1/1"), equal: true },
    { name: "opaque values of two types with one text", left: QUANTITY_TYPE.wrap("1/1"), right: URL_TYPE.wrap("1/1"), equal: false },
  ])("GIVEN $name WHEN compared for equality THEN $equal", ({ left, right, equal }) => {
    expect(celEquals(left as CelValue, right as CelValue)).toBe(equal);
    expect(celEquals(right as CelValue, left as CelValue)).toBe(equal);
  });

  it.each([
    { name: "ints", left: 1n, right: 2n, order: -1 },
    { name: "an int and a larger double", left: 1n, right: 1.5, order: -1 },
    { name: "a large int and a double just below it (no rounding of the int)", left: 9007199254740993n, right: 9007199254740992, order: 1 },
    { name: "a double and infinity", left: 1n, right: Number.POSITIVE_INFINITY, order: -1 },
    { name: "uints", left: celUint(3n), right: celUint(3n), order: 0 },
    { name: "strings by code point, not UTF-16 unit", left: "\uffff", right: "\u{1F600}", order: -1 },
    { name: "a prefix first", left: "ab", right: "abc", order: -1 },
    { name: "false before true", left: false, right: true, order: -1 },
    { name: "bytes", left: new Uint8Array([2]), right: new Uint8Array([1, 9]), order: 1 },
  ])("GIVEN $name WHEN ordered THEN $order", ({ left, right, order }) => {
    expect(celCompare(left as CelValue, right as CelValue)).toBe(order);
    expect(celCompare(right as CelValue, left as CelValue)).toBe(order === 0 ? 0 : -order);
  });

  it("GIVEN values CEL does not order WHEN ordered THEN an error, never a guess", () => {
    expect(() => celCompare("a", 1n)).toThrow("no such overload");
    expect(() => celCompare(list(), list())).toThrow("no such overload");
  });
});
