/**
 * The AWS side of `slipway synth`, started before the rest so it overlaps with it.
 *
 * Cold, the CDK synthesis is the long pole of `slipway synth`: loading aws-cdk-lib and
 * cdk-nag and synthesizing the stack take about three quarters of the process's CPU,
 * while checking the Helm values against the charts, the GitOps tree and the workflows
 * need none of that code. So the stack is synthesized on a worker thread, which starts
 * loading aws-cdk-lib at once, while the main thread does the rest; the main thread
 * never loads aws-cdk-lib. The result is the same map of files (the same function runs).
 *
 * In process instead (aws-cdk-lib imported only then): with `extend` (a function cannot
 * cross to a worker), on a single core, or with `SLIPWAY_SYNTH_WORKER=0`.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { InfrastructureOptions } from "../cdk/synthesize-infrastructure.js";
import { SlipwayError, type SlipwayErrorCode } from "../errors.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { workerEntry } from "../worker-entry.js";

export interface InfrastructureTask {
  readonly spec: PlatformSpec;
  readonly nagChecks: boolean;
}

export type InfrastructureReply =
  | { readonly files: readonly (readonly [string, string])[] }
  | { readonly slipwayError: { readonly code: SlipwayErrorCode; readonly message: string; readonly where?: string; readonly fix?: string; readonly problems: readonly string[] } }
  | { readonly error: string };

export interface InfrastructureSynthesis {
  /** The cloud assembly: relative path → content, sorted by path. */
  readonly result: Promise<ReadonlyMap<string, string>>;
  /** Stops a synthesis whose result is no longer wanted (another part failed). */
  cancel(): void;
}

/** Whether the stack is synthesized on a worker thread. */
export function synthesizesOnWorker(options: InfrastructureOptions, environment: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): boolean {
  if (options.extend !== undefined) return false;
  if (environment.SLIPWAY_SYNTH_WORKER === "0") return false;
  if (environment.SLIPWAY_SYNTH_WORKER === "1") return true;
  return cores > 1;
}

/**
 * The caller awaits the result only after its own work (checking the charts, the GitOps
 * tree), and the synthesis may fail before that (a spec error the stack finds, such as
 * more availability zones than the region has): without a handler by then, Node ends the
 * process on the unhandled rejection with a stack trace instead of the CLI printing the
 * SlipwayError. Marked handled here; awaiting it still throws.
 */
function handledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export function startInfrastructureSynthesis(spec: PlatformSpec, options: InfrastructureOptions = {}): InfrastructureSynthesis {
  if (!synthesizesOnWorker(options)) {
    const result = import("../cdk/synthesize-infrastructure.js").then(({ synthesizeInfrastructure }) => synthesizeInfrastructure(spec, options));
    return { result: handledLater(result), cancel: () => {} };
  }
  const task: InfrastructureTask = { spec, nagChecks: options.nagChecks ?? true };
  const worker = new Worker(workerEntry(import.meta.url, "infrastructure-worker"), { workerData: task });
  const result = new Promise<ReadonlyMap<string, string>>((resolve, reject) => {
    let settled = false;
    worker.once("message", (reply: InfrastructureReply) => {
      settled = true;
      if ("files" in reply) resolve(new Map(reply.files));
      else if ("slipwayError" in reply) {
        const { code, message, ...details } = reply.slipwayError;
        reject(new SlipwayError(code, message, details));
      } else reject(new Error(`CDK synthesis worker failed: ${reply.error}`));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`CDK synthesis worker exited with code ${code} before answering`));
    });
  });
  return {
    result: handledLater(result),
    cancel: () => {
      // A cancelled synthesis's rejection is nobody's error.
      result.catch(() => {});
      void worker.terminate();
    },
  };
}
