import { defineConfig } from "vitest/config";

/**
 * Test files that drive whole external processes or whole corpora (a local cluster, npm pack
 * and install, Go builds, helm renders of all 13 charts, real kustomize on every folder of
 * the platform, CDK synthesis with cfn-lint, the CLI end to end, the YAML parser against
 * every upstream CRD): `npm test` runs them; `npm run test:unit` (SLIPWAY_TESTS=unit), the
 * inner loop, leaves them out. Figures in docs/development.md ("The inner loop").
 */
export const INTEGRATION_TESTS = [
  "test/local/local-cluster.test.ts",
  "test/local/karpenter.test.ts",
  "test/local/argocd.test.ts",
  "test/local/simulate.test.ts",
  "test/local/simulate-rollout.test.ts",
  "test/local/cross-compile.test.ts",
  "test/package/**",
  "test/tools/go-tool-build.test.ts",
  "test/tools/go-module-crds.test.ts",
  "test/cli/synth.test.ts",
  "test/cli/render.test.ts",
  "test/cli/cost.test.ts",
  "test/cdk/synthesize-infrastructure.test.ts",
  "test/cdk/cdk-app.test.ts",
  "test/charts/render-addons.test.ts",
  "test/check/load/rendered-charts.test.ts",
  "test/check/schema/platform-crds.test.ts",
  "test/synth/scale.test.ts",
  "test/report/report-chromium.test.ts",
  "test/cli/report.test.ts",
  "test/cli/check-reference.test.ts",
  "test/gitops/platform-validity.test.ts",
  "test/gitops/addons/addon-pods-pod-security.test.ts",
  "test/check/load/fast-yaml-corpus.test.ts",
];

/**
 * Test files that need their modules fresh: they check what a process-wide memo does on
 * first use (the extracted kubectl layer, a resolved tool). The unit run shares modules
 * between the other files of a worker (`isolate: false`), which cuts the time spent loading
 * them from about 120 s to 25 s of the run; these run in a fork of their own, as every file
 * does in `npm test`. `isolate: false` has to be set at the top: set on a project alone,
 * vitest 3.2 still starts a fork per file (test/vitest-config.test.ts runs vitest on two files and sees one
 * module evaluation).
 */
export const FRESH_MODULE_TESTS = ["test/tools/cluster-tools.test.ts", "test/tools/kubectl-layer.test.ts", "test/check/load/load-inputs-tool-failure.test.ts"];

const ALWAYS_EXCLUDED = ["**/node_modules/**"];

interface TierProject {
  readonly extends: true;
  readonly test: { readonly name: string; readonly include: string[]; readonly exclude?: string[]; readonly isolate?: boolean };
}

interface TestOptions {
  readonly testTimeout: number;
  readonly hookTimeout: number;
  readonly pool: "forks";
  readonly include?: string[];
  readonly exclude?: string[];
  readonly maxWorkers?: number;
  readonly minWorkers?: number;
  readonly isolate?: boolean;
  readonly projects?: TierProject[];
}

/** The test options of `npm test` (every file, each in a fork of its own) or of `npm run test:unit`. */
export function testOptions(unit: boolean): TestOptions {
  const common = { testTimeout: 120_000, hookTimeout: 600_000, pool: "forks" as const };
  if (!unit) return { ...common, include: ["test/**/*.test.ts"], exclude: ALWAYS_EXCLUDED };
  return {
    ...common,
    // The unit run is mostly CPU-bound work in this process tree: one worker per core.
    maxWorkers: 2,
    minWorkers: 1,
    isolate: false,
    projects: [
      { extends: true, test: { name: "fresh-modules", include: FRESH_MODULE_TESTS, isolate: true } },
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...ALWAYS_EXCLUDED, ...INTEGRATION_TESTS, ...FRESH_MODULE_TESTS] } },
    ],
  };
}

export default defineConfig({ test: testOptions(process.env.SLIPWAY_TESTS === "unit") });
