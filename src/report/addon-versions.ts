/**
 * The versions a platform runs: every chart add-on as its generated Argo CD Application
 * names it (spec overrides included), with the software version the pin in
 * src/versions.ts records for that chart version; Argo CD itself; and the EKS managed
 * add-ons of the cluster's Kubernetes version.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformChartApplications } from "../charts/chart-applications.js";
import { CHARTS, EKS_ADDONS, type ChartVersion } from "../versions.js";
import { html, type Markup } from "./markup.js";
import { architectureOf, type Architecture } from "./architecture.js";

export interface AddonVersion {
  readonly name: string;
  /** "Argo CD Application", "slipway bootstrap" or "EKS managed add-on". */
  readonly installedBy: string;
  readonly namespace: string;
  readonly chart: string;
  readonly chartVersion: string;
  /** The software's version; undefined when the chart version is not the pin (overridden). */
  readonly appVersion: string | undefined;
  /** The pinned chart version when the spec overrides it. */
  readonly pinnedVersion?: string;
  readonly checked: string;
}

const PINS: readonly ChartVersion[] = Object.values(CHARTS);

export function addonVersions(spec: PlatformSpec, architecture: Architecture = architectureOf(spec)): AddonVersion[] {
  const rows: AddonVersion[] = platformChartApplications(spec).map((application) => {
    const pin = PINS.find((candidate) => candidate.chart === application.coordinates.chart && candidate.repoURL === application.coordinates.repoURL);
    const pinned = pin?.version === application.coordinates.version;
    return {
      name: application.name,
      installedBy: "Argo CD Application",
      namespace: application.namespace,
      chart: application.coordinates.chart,
      chartVersion: application.coordinates.version,
      appVersion: pinned ? pin.appVersion : undefined,
      ...(pin !== undefined && !pinned ? { pinnedVersion: pin.version } : {}),
      checked: pin?.checked ?? "",
    };
  });
  if (spec.argocd.mode === "self-managed") {
    const argocd = CHARTS.argoCd;
    rows.push({ name: "argo-cd", installedBy: "slipway bootstrap", namespace: architecture.argocd.namespace, chart: argocd.chart, chartVersion: argocd.version, appVersion: argocd.appVersion, checked: argocd.checked });
  }
  for (const addon of architecture.managedAddons) {
    rows.push({ name: addon.name, installedBy: "EKS managed add-on", namespace: "kube-system", chart: "", chartVersion: "", appVersion: addon.version, checked: EKS_ADDONS.checked });
  }
  return rows;
}

export function addonVersionsSection(rows: readonly AddonVersion[], kubernetesVersion: string): Markup {
  return html`<section id="addons"><h2>Add-ons and versions</h2><p>Kubernetes ${kubernetesVersion}. Chart versions are the ones the generated Argo CD Applications install; software versions come from the pins in <code>src/versions.ts</code> (the date each was checked).</p><table><thead><tr><th>add-on</th><th>installed by</th><th>namespace</th><th>chart</th><th>chart version</th><th>software version</th><th>checked</th></tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr><td>${row.name}</td><td>${row.installedBy}</td><td>${row.namespace}</td><td>${row.chart || "—"}</td><td>${row.chartVersion || "—"}${row.pinnedVersion !== undefined ? html` <span class="note">(overridden; pinned ${row.pinnedVersion})</span>` : ""}</td><td>${row.appVersion ?? "unknown (not the pinned chart)"}</td><td>${row.checked}</td></tr>`,
  )}</tbody></table></section>`;
}
