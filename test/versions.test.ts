import { describe, expect, it } from "vitest";
import { EKS_VERSION_SUPPORT, KUBERNETES } from "../src/versions.js";

describe("EKS_VERSION_SUPPORT", () => {
  it("GIVEN every version the checker knows WHEN its support dates are read THEN extended support ends 12 months after standard support, later versions later", () => {
    const versions = Object.keys(KUBERNETES.schemaRelease);
    expect(Object.keys(EKS_VERSION_SUPPORT.versions)).toEqual(versions);
    let previous = "";
    for (const version of versions) {
      const { standardSupportEnds, extendedSupportEnds } = EKS_VERSION_SUPPORT.versions[version]!;
      const [year, month, day] = standardSupportEnds.split("-");
      expect(extendedSupportEnds, version).toBe(`${Number(year) + 1}-${month}-${day}`);
      expect(standardSupportEnds > previous, version).toBe(true);
      previous = standardSupportEnds;
    }
  });

  it("GIVEN the dates KUBERNETES.schemaReleaseSource records WHEN compared THEN the table agrees with them", () => {
    for (const version of ["1.34", "1.35", "1.36"]) {
      expect(KUBERNETES.schemaReleaseSource).toContain(`${version} ${version === "1.34" ? "standard until" : "to"} ${EKS_VERSION_SUPPORT.versions[version]!.standardSupportEnds}`);
    }
  });

  it("GIVEN the versions a new cluster may start on WHEN judged on the day they were checked THEN all are in standard support", () => {
    for (const version of KUBERNETES.supported) expect(EKS_VERSION_SUPPORT.versions[version]!.standardSupportEnds > KUBERNETES.checked).toBe(true);
  });
});
