import { describe, expect, test } from "vitest";
import { ALL_PORTS, formatPortSet, includesPort, intersect, union } from "../../../../src/check/rules/network-policy/port-set.js";

describe("port sets", () => {
  test("GIVEN overlapping and adjacent ranges WHEN united THEN they merge per protocol", () => {
    const set = union([{ protocol: "TCP", from: 80, to: 90 }], [{ protocol: "TCP", from: 91, to: 100 }, { protocol: "UDP", from: 53, to: 53 }]);
    expect(formatPortSet(set)).toBe("TCP/80-100,UDP/53");
  });

  test("GIVEN two sets WHEN intersected THEN only common ports of the same protocol remain", () => {
    const set = intersect(union([{ protocol: "TCP", from: 8000, to: 9000 }]), union([{ protocol: "TCP", from: 8500, to: 9500 }, { protocol: "UDP", from: 8600, to: 8600 }]));
    expect(formatPortSet(set)).toBe("TCP/8500-9000");
    expect(formatPortSet(intersect(ALL_PORTS, set))).toBe("TCP/8500-9000");
    expect(includesPort(set, "UDP", 8600)).toBe(false);
  });

  test("GIVEN the full and the empty set WHEN formatted THEN they read all and -", () => {
    expect(formatPortSet(ALL_PORTS)).toBe("all");
    expect(formatPortSet([])).toBe("-");
  });
});
