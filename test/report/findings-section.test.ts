import { describe, expect, it } from "vitest";
import { findingsSection, type ReportFindings } from "../../src/report/findings-section.js";

const base: ReportFindings = { kubernetesVersion: "1.35", argocd: "self-managed", findings: [], files: 49, objects: 60, suppressed: 0, notes: [] };

describe("findingsSection", () => {
  it("GIVEN findings of each severity WHEN shown THEN the counts are per severity and each finding is a row with rule, object, file:line and message", () => {
    const text = findingsSection({
      ...base,
      suppressed: 2,
      findings: [
        { ruleId: "pod-security/hostPorts", severity: "error", file: "gitops/a.yaml", line: 7, object: "Deployment x/y", message: "uses hostPort 80", fix: "remove it" },
        { ruleId: "best-practice/latest-tag", severity: "warning", file: "gitops/b.yaml", message: "tag latest", fix: "pin it" },
        { ruleId: "schema", severity: "info", file: "gitops/c.yaml", line: 1, message: "note", fix: "nothing" },
        { ruleId: "schema", severity: "info", file: "gitops/d.yaml", line: 1, message: "note", fix: "nothing" },
      ],
    }).text;
    expect(text).toContain('<span class="count-value">1</span> error<');
    expect(text).toContain('<span class="count-value">1</span> warning<');
    expect(text).toContain('<span class="count-value">2</span> infos<');
    expect(text.match(/<tr class="finding /g)).toHaveLength(4);
    expect(text).toContain("<td><code>pod-security/hostPorts</code></td><td>Deployment x/y</td><td><code>gitops/a.yaml:7</code></td><td>uses hostPort 80<div class=\"fix\">fix: remove it</div></td>");
    expect(text).toContain("<td>—</td><td><code>gitops/b.yaml</code></td>");
    expect(text).toContain("2 suppressed");
  });

  it("GIVEN no findings WHEN shown THEN the counts are zero and it says so", () => {
    const text = findingsSection({ ...base, notes: ["charts not rendered"] }).text;
    expect(text.match(/<span class="count-value">0<\/span>/g)).toHaveLength(3);
    expect(text).toContain("No findings.");
    expect(text).toContain('<p class="note">charts not rendered</p>');
  });
});
