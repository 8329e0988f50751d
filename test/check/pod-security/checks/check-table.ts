/**
 * Runs a table of pods through one version of one check and asserts upstream's exact
 * reason and detail (the cases are ported from upstream's policy/check_*_test.go).
 */
import { describe, expect, it } from "vitest";
import type { Check } from "../../../../src/check/pod-security/check.js";
import { readPodMetadata, readPodSpec } from "../../../../src/check/pod-security/pod-spec.js";

export interface CheckCase {
  readonly name: string;
  readonly metadata?: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
  /** Omitted for an allowed pod. */
  readonly reason?: string;
  readonly detail?: string;
}

export function describeCheckVersion(check: Check, minimumVersion: number, cases: readonly CheckCase[]): void {
  const versioned = check.versions.find((version) => version.minimumVersion === minimumVersion);
  describe(`${check.id} v1.${minimumVersion}`, () => {
    it("GIVEN the check WHEN looked up THEN it has that version", () => {
      expect(versioned).toBeDefined();
    });
    it.each(cases)("GIVEN $name WHEN checked THEN upstream's verdict and strings", (testCase) => {
      const result = versioned!.checkPod(readPodMetadata(testCase.metadata ?? {}), readPodSpec(testCase.spec));
      if (testCase.reason === undefined) expect(result).toEqual({ allowed: true });
      else expect(result).toEqual({ allowed: false, forbiddenReason: testCase.reason, forbiddenDetail: testCase.detail });
    });
  });
}

/** A container with a security context, as the upstream tables write them. */
export const container = (name: string, securityContext?: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  securityContext === undefined ? { name, ...extra } : { name, securityContext, ...extra };
