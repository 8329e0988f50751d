import { describe, expect, it } from "vitest";
import { CHECK_DOCUMENTATION } from "../../../src/check/pod-security/check-documentation.js";
import { DEFAULT_CHECKS } from "../../../src/check/pod-security/checks/index.js";

describe("CHECK_DOCUMENTATION", () => {
  it("GIVEN the checks WHEN documented THEN every check has an entry and every entry a check", () => {
    expect(Object.keys(CHECK_DOCUMENTATION).sort()).toEqual(DEFAULT_CHECKS.map((check) => check.id).sort());
  });

  it.each(Object.entries(CHECK_DOCUMENTATION))("GIVEN %s WHEN documented THEN one line each, ending with a full stop", (_id, documentation) => {
    for (const text of [documentation.description, documentation.remediation]) {
      expect(text).not.toContain("\n");
      expect(text.endsWith(".")).toBe(true);
    }
  });
});
