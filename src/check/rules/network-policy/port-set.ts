/**
 * Sets of (protocol, port range) that a NetworkPolicy allows. Rules are additive, so
 * allowed sets are unions; a connection needs both the source's egress and the
 * destination's ingress to allow it, so the effective set is an intersection.
 */
export const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
export const MAX_PORT = 65535;

export interface PortRange {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/** Normalised: sorted by protocol then port, no overlapping or adjacent ranges of one protocol. */
export type PortSet = readonly PortRange[];

export const ALL_PORTS: PortSet = PROTOCOLS.map((protocol) => ({ protocol, from: 1, to: MAX_PORT }));

function normalise(ranges: readonly PortRange[]): PortSet {
  const sorted = [...ranges]
    .filter((range) => range.from <= range.to)
    .sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.from - b.from));
  const result: PortRange[] = [];
  for (const range of sorted) {
    const last = result[result.length - 1];
    if (last && last.protocol === range.protocol && range.from <= last.to + 1) {
      result[result.length - 1] = { ...last, to: Math.max(last.to, range.to) };
    } else {
      result.push(range);
    }
  }
  return result;
}

export function union(...sets: readonly PortSet[]): PortSet {
  return normalise(sets.flat());
}

export function intersect(left: PortSet, right: PortSet): PortSet {
  const result: PortRange[] = [];
  for (const a of left) {
    for (const b of right) {
      if (a.protocol !== b.protocol) continue;
      const from = Math.max(a.from, b.from);
      const to = Math.min(a.to, b.to);
      if (from <= to) result.push({ protocol: a.protocol, from, to });
    }
  }
  return normalise(result);
}

export function includesPort(set: PortSet, protocol: string, port: number): boolean {
  return set.some((range) => range.protocol === protocol && range.from <= port && port <= range.to);
}

export function isAllPorts(set: PortSet): boolean {
  return PROTOCOLS.every((protocol) => set.some((range) => range.protocol === protocol && range.from === 1 && range.to === MAX_PORT));
}

/** `all`, `-` (nothing), or `TCP/8080,UDP/53,TCP/9000-9100`, as the reachability matrix prints. */
export function formatPortSet(set: PortSet): string {
  if (set.length === 0) return "-";
  if (isAllPorts(set)) return "all";
  return set
    .map((range) =>
      range.from === 1 && range.to === MAX_PORT
        ? `${range.protocol}/*`
        : range.from === range.to
          ? `${range.protocol}/${range.from}`
          : `${range.protocol}/${range.from}-${range.to}`,
    )
    .join(",");
}
