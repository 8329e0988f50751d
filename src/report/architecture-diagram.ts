/**
 * The architecture diagram: an inline SVG laid out from an `Architecture`, top to bottom
 * in bands (AWS network, cluster, compute, add-ons by namespace, tenancy). The layout is
 * arithmetic on the model's sorted lists, so the same spec gives the same bytes.
 *
 * It is drawn for a 1200 px wide page at 12 px text: text that would overflow its box is
 * cut with an ellipsis, and the full text stays in the box's <title> (the browser's
 * tooltip). Every string goes through `html`, which escapes it.
 */
import { fitText, html, join, type Markup } from "./markup.js";
import type { Architecture } from "./architecture.js";

export const DIAGRAM_WIDTH = 1200;
const MARGIN = 16;
const GAP = 12;
const FONT = 12;
const LINE = 16;
const TITLE_HEIGHT = 22;

type Kind = "aws" | "vpc" | "public" | "private" | "alb" | "eks" | "argocd" | "nodes" | "karpenter" | "addons" | "team" | "namespace" | "app";

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly kind: Kind;
  readonly title: string;
  readonly lines?: readonly string[];
  /** Fixed height; default: the title and lines. */
  readonly height?: number;
}

function boxHeight(box: Pick<Box, "lines" | "height">): number {
  return box.height ?? TITLE_HEIGHT + (box.lines?.length ?? 0) * LINE + 8;
}

function drawBox(box: Box): Markup {
  const height = boxHeight(box);
  const inner = box.width - 16;
  const tooltip = [box.title, ...(box.lines ?? [])].join("\n");
  return html`<g class="node node-${box.kind}" data-kind="${box.kind}"><title>${tooltip}</title><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${height}" rx="6"/><text class="node-title" x="${box.x + 8}" y="${box.y + 16}">${fitText(box.title, inner)}</text>${(box.lines ?? []).map(
    (line, index) => html`<text x="${box.x + 8}" y="${box.y + TITLE_HEIGHT + 12 + index * LINE}">${fitText(line, inner)}</text>`,
  )}</g>`;
}

function bandLabel(y: number, text: string): Markup {
  return html`<text class="band-label" x="${MARGIN}" y="${y + 12}">${text}</text>`;
}

function edge(x1: number, y1: number, x2: number, y2: number): Markup {
  const middle = (x1 + x2) / 2;
  return html`<path class="edge" d="M${x1} ${y1} C${middle} ${y1} ${middle} ${y2} ${x2} ${y2}" marker-end="url(#arrow)"/>`;
}

/** Lays boxes of equal width in rows of `columns`, each row as tall as its tallest box. */
function grid(items: readonly Omit<Box, "x" | "y" | "width">[], x: number, y: number, width: number, columns: number): { parts: Markup[]; height: number } {
  const count = Math.max(1, Math.min(columns, items.length));
  const boxWidth = (width - GAP * (count - 1)) / count;
  const parts: Markup[] = [];
  let top = y;
  for (let start = 0; start < items.length; start += count) {
    const row = items.slice(start, start + count);
    const rowHeight = Math.max(...row.map(boxHeight));
    row.forEach((item, index) => parts.push(drawBox({ ...item, x: x + index * (boxWidth + GAP), y: top, width: boxWidth, ...(item.height === undefined ? { height: rowHeight } : {}) })));
    top += rowHeight + GAP;
  }
  return { parts, height: items.length === 0 ? 0 : top - y - GAP };
}

export function architectureDiagram(architecture: Architecture): Markup {
  const parts: Markup[] = [];
  const width = DIAGRAM_WIDTH - 2 * MARGIN;
  let y = MARGIN;

  // AWS network: the VPC, its zones' subnets and NAT gateways, and the shared ALB.
  parts.push(bandLabel(y, `AWS account ${architecture.account} · ${architecture.region}`));
  y += 20;
  const vpcTop = y;
  const vpcParts: Markup[] = [];
  let inner = vpcTop + TITLE_HEIGHT + 6;
  const innerX = MARGIN + 12;
  const innerWidth = width - 24;
  if (architecture.ingressHosts.length > 0) {
    const alb = { kind: "alb" as const, title: "Application Load Balancer (shared, internet-facing, in the public subnets)", lines: architecture.ingressHosts.map((ingress) => `https://${ingress.host} → ${ingress.target}`) };
    vpcParts.push(drawBox({ ...alb, x: innerX, y: inner, width: innerWidth }));
    inner += boxHeight(alb) + GAP;
  }
  const zones = architecture.vpc.zones;
  const zoneWidth = (innerWidth - GAP * (zones.length - 1)) / zones.length;
  zones.forEach((zone, index) => {
    const x = innerX + index * (zoneWidth + GAP);
    const nat = architecture.vpc.natGateways === "one-per-az" || index === 0;
    vpcParts.push(html`<text class="zone-label" x="${x}" y="${inner + 12}">${fitText(zone, zoneWidth)}</text>`);
    vpcParts.push(drawBox({ kind: "public", x, y: inner + 18, width: zoneWidth, title: "public subnet", lines: [nat ? (architecture.vpc.natGateways === "single" ? "NAT gateway (the only one)" : "NAT gateway") : "no NAT gateway (single)"] }));
    vpcParts.push(drawBox({ kind: "private", x, y: inner + 18 + 46 + 6, width: zoneWidth, title: "private subnet", lines: ["nodes and pods (VPC CNI)"] }));
  });
  inner += 18 + 46 + 6 + 46;
  parts.push(drawBox({ kind: "vpc", x: MARGIN, y: vpcTop, width, height: inner - vpcTop + 10, title: `VPC ${architecture.vpc.cidr} · ${zones.length} availability zones · NAT ${architecture.vpc.natGateways}` }));
  parts.push(...vpcParts);
  y = inner + 10 + 2 * GAP;

  // The cluster: EKS control plane with its managed add-ons, and who runs Argo CD.
  parts.push(bandLabel(y, "Cluster"));
  y += 20;
  const argocd =
    architecture.argocd.mode === "self-managed"
      ? { kind: "argocd" as const, title: "Argo CD (self-managed)", lines: [`namespace ${architecture.argocd.namespace}, installed by slipway bootstrap`, "root Application → everything else"] }
      : { kind: "argocd" as const, title: "Argo CD (EKS capability)", lines: ["runs on AWS's side, Identity Center sign-in", `Applications in namespace ${architecture.argocd.namespace}`, "root Application → everything else"] };
  const cluster = grid(
    [
      { kind: "eks", title: `EKS control plane: ${architecture.clusterName}`, lines: [`Kubernetes ${architecture.kubernetesVersion}`, `public endpoint: ${architecture.publicAccessCidrs.join(", ")}`, "private endpoint in the VPC", "Secrets encrypted with KMS"] },
      { kind: "eks", title: "EKS managed add-ons", lines: architecture.managedAddons.map((addon) => `${addon.name} ${addon.version}`) },
      argocd,
    ],
    MARGIN,
    y,
    width,
    3,
  );
  parts.push(...cluster.parts);
  y += cluster.height + 2 * GAP;

  // Compute: managed node groups and Karpenter's NodePools.
  parts.push(bandLabel(y, "Compute"));
  y += 20;
  const compute = grid(
    [
      ...architecture.nodeGroups.map((group) => ({
        kind: "nodes" as const,
        title: `node group ${group.name}`,
        lines: [`${group.instanceTypes.join(", ")}`, `${group.minSize}–${group.maxSize} nodes · ${group.capacityType}`, group.taints.length > 0 ? `taints: ${group.taints.join(", ")}` : "no taints"],
      })),
      ...architecture.nodePools.map((pool) => ({ kind: "karpenter" as const, title: `Karpenter NodePool ${pool.name}`, lines: [`${pool.capacityType} · ${pool.share}`, ...pool.instances] })),
    ],
    MARGIN,
    y,
    width,
    4,
  );
  parts.push(...compute.parts);
  y += compute.height + 2 * GAP;

  // Add-ons by namespace.
  if (architecture.addonNamespaces.length > 0) {
    parts.push(bandLabel(y, "Add-ons (Argo CD Applications) by namespace"));
    y += 20;
    const addons = grid(
      architecture.addonNamespaces.map((namespace) => ({ kind: "addons" as const, title: `namespace ${namespace.namespace}`, lines: namespace.addons.map((addon) => (addon.chart === addon.name ? `${addon.name} ${addon.version}` : `${addon.name} (${addon.chart} ${addon.version})`)) })),
      MARGIN,
      y,
      width,
      4,
    );
    parts.push(...addons.parts);
    y += addons.height + 2 * GAP;
  }

  // Tenancy: teams → namespaces → applications, one row per application.
  parts.push(bandLabel(y, "Tenancy: teams → namespaces → applications"));
  y += 20;
  const tenancy = tenancyColumns(architecture, y, width);
  parts.push(...tenancy.parts);
  y += tenancy.height + MARGIN;

  const height = Math.ceil(y);
  return html`<svg class="architecture" xmlns="http://www.w3.org/2000/svg" width="${DIAGRAM_WIDTH}" height="${height}" viewBox="0 0 ${DIAGRAM_WIDTH} ${height}" role="img" aria-label="Architecture of ${architecture.clusterName}" font-size="${FONT}"><defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L8 4 L0 8 z" class="arrow-head"/></marker></defs>${join(parts)}</svg>`;
}

const ROW = 30;
const CELL = 24;

function tenancyColumns(architecture: Architecture, start: number, width: number): { parts: Markup[]; height: number } {
  let top = start;
  const columnWidth = (width - 2 * 80) / 3;
  const teamX = MARGIN;
  const namespaceX = teamX + columnWidth + 80;
  const applicationX = namespaceX + columnWidth + 80;
  const parts: Markup[] = [
    html`<text class="zone-label" x="${teamX}" y="${top + 12}">teams (Argo CD AppProjects)</text>`,
    html`<text class="zone-label" x="${namespaceX}" y="${top + 12}">namespaces (Pod Security level)</text>`,
    html`<text class="zone-label" x="${applicationX}" y="${top + 12}">applications</text>`,
  ];
  top += 20;
  let row = 0;
  const cell = (kind: Kind, x: number, rowIndex: number, rows: number, title: string) =>
    drawBox({ kind, x, y: top + rowIndex * ROW, width: columnWidth, height: rows * ROW - (ROW - CELL), title });
  const middle = (rowIndex: number, rows: number) => top + rowIndex * ROW + (rows * ROW - (ROW - CELL)) / 2;

  for (const team of architecture.tenancy) {
    const rowsOf = (namespace: TenancyNamespace) => Math.max(1, namespace.applications.length);
    const teamRows = Math.max(1, team.namespaces.reduce((sum, namespace) => sum + rowsOf(namespace), 0));
    const teamRow = row;
    parts.push(cell("team", teamX, teamRow, teamRows, team.team === undefined ? "(no team)" : team.team));
    for (const namespace of team.namespaces) {
      const rows = rowsOf(namespace);
      parts.push(edge(teamX + columnWidth, middle(teamRow, teamRows), namespaceX, middle(row, rows)));
      parts.push(cell("namespace", namespaceX, row, rows, `${namespace.name} (${namespace.podSecurity})`));
      namespace.applications.forEach((application, index) => {
        parts.push(edge(namespaceX + columnWidth, middle(row, rows), applicationX, middle(row + index, 1)));
        const what = application.kind === "rollout" ? `${application.name} (Rollout + HPA${application.host !== undefined ? `, ${application.host}` : ""})` : `${application.name} (team Application)`;
        parts.push(cell("app", applicationX, row + index, 1, what));
      });
      row += rows;
    }
    if (team.namespaces.length === 0) row += 1;
  }
  return { parts, height: top - start + (row === 0 ? 0 : row * ROW - (ROW - CELL)) };
}

type TenancyNamespace = Architecture["tenancy"][number]["namespaces"][number];
