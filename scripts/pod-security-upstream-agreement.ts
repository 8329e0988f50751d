/**
 * Measures Slipway's Pod Security agreement with upstream on upstream's own serialised
 * fixtures: every pod under `test/testdata/<level>/v1.<minor>/{pass,fail}/*.yaml` of the
 * `k8s.io/pod-security-admission` Go module (fetched with `go mod download -json` through
 * the Go module proxy) is evaluated at its level and version; a pass pod must be allowed
 * and a fail pod forbidden. It also checks that the TypeScript port of upstream's fixture
 * generators (test/check/pod-security/upstream-fixtures.ts) produces exactly those pods.
 *
 * Usage: npx tsx scripts/pod-security-upstream-agreement.ts [module version, default v0.37.2]
 * Exit code 0 when everything agrees, 1 otherwise.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { aggregateCheckResults } from "../src/check/pod-security/aggregate.js";
import { DEFAULT_CHECKS } from "../src/check/pod-security/checks/index.js";
import { evaluatePod } from "../src/check/pod-security/evaluate-pod.js";
import { enumerateUpstreamCases } from "../test/check/pod-security/upstream-fixtures.js";

const MODULE = "k8s.io/pod-security-admission";
const version = process.argv[2] ?? "v0.37.2";

const download = JSON.parse(execFileSync("go", ["mod", "download", "-json", `${MODULE}@${version}`], { encoding: "utf8" })) as { Dir?: string; Error?: string };
if (!download.Dir) throw new Error(`go mod download ${MODULE}@${version} failed: ${download.Error ?? "no directory"}`);
const testdata = join(download.Dir, "test", "testdata");

/** Go omits empty lists, empty strings and nil pointers (omitempty) when it serialises fixtures; compare without them. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== null && item !== undefined && item !== "" && !(Array.isArray(item) && item.length === 0))
    .map(([key, item]) => [key, normalise(item)] as const);
  return Object.fromEntries(entries);
}

let files = 0;
let agreed = 0;
const problems: string[] = [];
const upstreamPods = new Map<string, { metadata: unknown; spec: unknown }>();
for (const level of ["baseline", "restricted"] as const) {
  for (const versionDir of readdirSync(join(testdata, level))) {
    const minor = Number(versionDir.replace(/^v1\./, ""));
    for (const outcome of ["pass", "fail"] as const) {
      let names: string[] = [];
      try {
        names = readdirSync(join(testdata, level, versionDir, outcome));
      } catch {
        continue; // some versions have no failing fixtures
      }
      for (const name of names.filter((file) => file.endsWith(".yaml"))) {
        files++;
        const pod = parse(readFileSync(join(testdata, level, versionDir, outcome, name), "utf8")) as { metadata: Record<string, unknown>; spec: unknown };
        upstreamPods.set(`${level}/${versionDir}/${outcome}/${name.slice(0, -".yaml".length)}`, pod);
        const allowed = aggregateCheckResults(evaluatePod(level, minor, pod.metadata, pod.spec)).allowed;
        if (allowed === (outcome === "pass")) agreed++;
        else problems.push(`${level}/${versionDir}/${outcome}/${name}: evaluated as ${allowed ? "allowed" : "forbidden"}`);
      }
    }
  }
}

let portedMatches = 0;
const ported = [...enumerateUpstreamCases(DEFAULT_CHECKS)];
for (const testCase of ported) {
  const upstream = upstreamPods.get(testCase.name);
  if (!upstream) {
    problems.push(`${testCase.name}: ported fixture has no upstream file`);
    continue;
  }
  const { name: _name, ...upstreamMetadata } = upstream.metadata as Record<string, unknown>;
  const same =
    isDeepStrictEqual(normalise(upstreamMetadata), normalise(testCase.pod.metadata)) &&
    isDeepStrictEqual(normalise(upstream.spec), normalise(testCase.pod.spec));
  if (same) portedMatches++;
  else problems.push(`${testCase.name}: ported fixture differs from upstream's`);
}

for (const problem of problems.slice(0, 50)) console.log(problem);
console.log(`${MODULE}@${version}: ${agreed} of ${files} upstream fixture pods evaluated as upstream expects`);
console.log(`ported fixtures: ${portedMatches} of ${ported.length} identical to upstream's serialised pods`);
process.exitCode = problems.length === 0 ? 0 : 1;
