import { describe, expect, it } from "vitest";
import { KUBERNETES_CEL_LIBRARIES } from "../../../../src/check/schema/cel-library/index.js";

describe("the Kubernetes CEL libraries registered with the CEL environment", () => {
  it("GIVEN the registry WHEN listed THEN upstream's function names of the libraries implemented (docs/check.md lists them), each overload once", () => {
    const names = [...new Set(KUBERNETES_CEL_LIBRARIES.map((func) => func.name))].sort();
    expect(names).toEqual([
      "@slipway_meter",
      "add",
      "asApproximateFloat",
      "asInteger",
      "cidr",
      "compareTo",
      "containsCIDR",
      "containsIP",
      "family",
      "find",
      "findAll",
      "getEscapedPath",
      "getHost",
      "getHostname",
      "getPort",
      "getQuery",
      "getScheme",
      "indexOf",
      "ip",
      "ip.isCanonical",
      "isCIDR",
      "isGlobalUnicast",
      "isGreaterThan",
      "isIP",
      "isInteger",
      "isLessThan",
      "isLinkLocalMulticast",
      "isLinkLocalUnicast",
      "isLoopback",
      "isQuantity",
      "isSorted",
      "isURL",
      "isUnspecified",
      "lastIndexOf",
      "masked",
      "max",
      "min",
      "mul",
      "prefixLength",
      "quantity",
      "sign",
      "string",
      "sub",
      "sum",
      "url",
    ]);
    const ids = KUBERNETES_CEL_LIBRARIES.map((func) => func.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
