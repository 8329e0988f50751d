/**
 * Instance types, families and sizes the spec names must exist in EC2: a misspelt one
 * (`m7x.large`, `c5.huge`) passes CDK synthesis and the manifests' schemas, then fails
 * at `cdk deploy` (EKS CreateNodegroup refuses an unknown type), or, in Karpenter's
 * NodePools, matches nothing, so Karpenter launches no node and pods stay Pending.
 *
 * Judged against every type AWS's tables in the pinned Karpenter's Go module name
 * (src/generated/ec2-instance-types.ts, scripts/generate-ec2-instance-types.ts). That
 * a type exists is all this asks: whether Slipway knows its capacity and price
 * (src/local/instance-types.ts, src/pricing/ec2-prices.ts) matters only to `up --local`
 * and `cost`, which say so themselves, since EKS runs such a spec.
 */
import { closeMatches } from "../charts/nearest-key.js";
import { EC2_INSTANCE_TYPE_NAMES, EC2_INSTANCE_TYPES_SOURCE } from "../generated/ec2-instance-types.js";

export interface InstanceTypeProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface InstanceTypeSpec {
  readonly nodeGroups: Readonly<Record<string, { readonly instanceTypes: readonly string[] }>>;
  readonly karpenter: { readonly enabled: boolean; readonly architectures: readonly string[]; readonly instanceFamilies: readonly string[]; readonly instanceSizes: readonly string[] };
}

/** The grammars of a type, family and size (`m7i.metal-24xl`, `c7i-flex`, `metal-24xl`); a name outside them is reported by the schema. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
export const INSTANCE_FAMILY_PATTERN = /^[a-z][a-z0-9-]*$/;
export const INSTANCE_SIZE_PATTERN = /^[a-z0-9-]+$/;

const TYPES = new Set(EC2_INSTANCE_TYPE_NAMES);
/** Sizes of each family, e.g. c5 → large, xlarge, …, metal. */
const SIZES_BY_FAMILY = new Map<string, string[]>();
for (const name of EC2_INSTANCE_TYPE_NAMES) {
  const dot = name.indexOf(".");
  const family = name.slice(0, dot);
  const sizes = SIZES_BY_FAMILY.get(family) ?? [];
  sizes.push(name.slice(dot + 1));
  SIZES_BY_FAMILY.set(family, sizes);
}
const FAMILIES = [...SIZES_BY_FAMILY.keys()];

const KNOWN_FROM = `src/generated/ec2-instance-types.ts, from ${EC2_INSTANCE_TYPES_SOURCE}`;

const NAMED_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge"];

/** Sizes from smallest to largest (nano … xlarge, 2xlarge …, metal, metal-24xl …), for lists a reader scans. */
function sizeRank(size: string): number {
  const named = NAMED_SIZES.indexOf(size);
  if (named >= 0) return named;
  const multiple = /^([0-9]+)xlarge$/.exec(size);
  if (multiple) return NAMED_SIZES.length + Number(multiple[1]);
  const metal = /^metal(?:-([0-9]+)xl)?$/.exec(size);
  if (metal) return 10000 + Number(metal[1] ?? 0);
  return 20000;
}

function bySize(sizes: Iterable<string>): string[] {
  return [...new Set(sizes)].sort((a, b) => sizeRank(a) - sizeRank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function didYouMean(matches: readonly string[]): string {
  return matches.length > 0 ? `; did you mean ${matches.join(", ")}?` : "";
}

/** Graviton (arm64) families: a1, and those with a `g` after the generation digit (m7g, c7gn, r6gd, t4g). */
export function isArmInstanceFamily(family: string): boolean {
  return family === "a1" || /^[a-z]+[0-9]+[a-z]*g[a-z]*$/.test(family);
}

/** Whether EC2 has an instance type of this name (a family × size combination may not exist: t3.4xlarge). */
export function instanceTypeExists(name: string): boolean {
  return TYPES.has(name);
}

/** Why `name` is not an EC2 instance type, or undefined when it is one. */
export function instanceTypeProblem(name: string): string | undefined {
  if (TYPES.has(name) || !INSTANCE_TYPE_PATTERN.test(name)) return undefined;
  const dot = name.indexOf(".");
  const family = dot < 0 ? name : name.slice(0, dot);
  const sizes = SIZES_BY_FAMILY.get(family);
  const known = `is not an EC2 instance type (${KNOWN_FROM})`;
  if (sizes !== undefined) return `${known}: ${family} comes in ${bySize(sizes).join(", ")}${didYouMean(closeMatches(name, [...sizes].map((size) => `${family}.${size}`)))}`;
  return `${known}${didYouMean(closeMatches(name, EC2_INSTANCE_TYPE_NAMES))}`;
}

export function instanceTypeProblems(spec: InstanceTypeSpec): InstanceTypeProblem[] {
  const problems: InstanceTypeProblem[] = [];
  for (const [group, nodeGroup] of Object.entries(spec.nodeGroups)) {
    nodeGroup.instanceTypes.forEach((name, index) => {
      const why = instanceTypeProblem(name);
      if (why !== undefined) problems.push({ path: ["nodeGroups", group, "instanceTypes", index], message: `"${name}" ${why}` });
    });
  }
  const { instanceFamilies, instanceSizes } = spec.karpenter;
  instanceFamilies.forEach((family, index) => {
    if (SIZES_BY_FAMILY.has(family) || !INSTANCE_FAMILY_PATTERN.test(family)) return;
    problems.push({
      path: ["karpenter", "instanceFamilies", index],
      message: `"${family}" is not an EC2 instance family (${KNOWN_FROM}), so the NodePools would match no instance of it${didYouMean(closeMatches(family, FAMILIES))}`,
    });
  });
  const families = instanceFamilies.filter((family) => SIZES_BY_FAMILY.has(family));
  // Karpenter's NodePools require both the architecture and the family: with none of both, it launches nothing.
  const { architectures } = spec.karpenter;
  if (spec.karpenter.enabled && families.length > 0 && !families.some((family) => architectures.includes(isArmInstanceFamily(family) ? "arm64" : "amd64"))) {
    const wanted = architectures.includes("arm64") ? "a Graviton family such as m7g or c7g" : "an x86 family such as m6i or c6i";
    problems.push({
      path: ["karpenter", "architectures"],
      message: `none of karpenter.instanceFamilies (${families.join(", ")}) is ${architectures.join(" or ")}, so Karpenter could launch no node and pods would stay Pending; add ${wanted} to karpenter.instanceFamilies, or allow the families' architecture`,
    });
  }
  // With no family known, sizes are judged against every family's.
  const offered = families.length > 0 ? families.flatMap((family) => SIZES_BY_FAMILY.get(family) ?? []) : [...SIZES_BY_FAMILY.values()].flat();
  const offeredSizes = bySize(offered);
  instanceSizes.forEach((size, index) => {
    if (offeredSizes.includes(size) || !INSTANCE_SIZE_PATTERN.test(size)) return;
    const scope = families.length > 0 ? `no family of karpenter.instanceFamilies (${families.join(", ")}) comes in size "${size}"` : `"${size}" is not an EC2 instance size`;
    problems.push({
      path: ["karpenter", "instanceSizes", index],
      message: `${scope}, so the NodePools would match no instance of it${didYouMean(closeMatches(size, offeredSizes))} (${families.length > 0 ? "their" : "EC2's"} sizes: ${offeredSizes.join(", ")})`,
    });
  });
  return problems;
}
