import { describe, expect, it } from "vitest";
import { CIDR_TYPE, IP_TYPE, OPAQUE_TYPES_REGISTRY, QUANTITY_TYPE, URL_TYPE } from "../../../../src/check/schema/cel-library/opaque-type.js";

describe("the opaque types of Kubernetes' CEL libraries", () => {
  it.each([
    { type: QUANTITY_TYPE, name: "kubernetes.Quantity" },
    { type: URL_TYPE, name: "kubernetes.URL" },
    { type: IP_TYPE, name: "net.IP" },
    { type: CIDR_TYPE, name: "net.CIDR" },
  ])("GIVEN $name WHEN a value is wrapped and unwrapped THEN its type has upstream's name and the text comes back", ({ type, name }) => {
    expect(type.type.name).toBe(name);
    expect(OPAQUE_TYPES_REGISTRY.getMessage(name)?.typeName).toBe(name);
    const value = type.wrap("some text");
    expect(value.desc.typeName).toBe(name);
    expect(type.unwrap(value)).toBe("some text");
  });

  it("GIVEN a value of another type WHEN unwrapped THEN no such overload", () => {
    expect(() => QUANTITY_TYPE.unwrap(IP_TYPE.wrap("::1"))).toThrow("no such overload: expected kubernetes.Quantity");
    expect(() => QUANTITY_TYPE.unwrap("1")).toThrow("no such overload");
  });
});
