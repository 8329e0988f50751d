/**
 * Schema validation on worker threads, so it runs on the other cores while the main
 * thread runs the rules. The objects are cut into contiguous slices, one per worker; each
 * worker validates its slice exactly as `validateSchemas` does on the main thread (it is
 * the same function) and the findings are joined in slice order, so the result is the
 * same list in the same order as a sequential run.
 *
 * Starting a worker costs about 0.1 s and a copy of its objects, so small inputs are
 * validated on the main thread: workers start only from `WORKER_THRESHOLD` objects up
 * (`SLIPWAY_CHECK_WORKERS=N` forces N workers, 0 none). Compiled validators are shared
 * through the disk cache of schema-compiler.ts.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Finding, SourceObject } from "../finding.js";
import { sourceOf } from "../load/locate-field.js";
import { versionsForValidation, type CustomResourceVersion } from "./custom-resource-schemas.js";
import { workerEntry } from "../../worker-entry.js";

/** Objects from which validation moves to worker threads: below it, start-up costs more than it saves. */
export const WORKER_THRESHOLD = 1_500;

/** What a worker receives: the objects of its slice, each with the text it was parsed from (for field lines). */
export interface ValidationTask {
  readonly kubernetesVersion: string;
  readonly customResources: readonly (readonly [string, CustomResourceVersion])[];
  readonly objects: readonly (SourceObject & { readonly source?: { readonly text: string; readonly line: number } })[];
}

export type ValidationReply = { readonly findings: Finding[] } | { readonly error: string };

/** Workers to use for `objects` objects: none below the threshold, else one per core but the main thread's. */
export function validationWorkers(objects: number, environment: NodeJS.ProcessEnv = process.env): number {
  const forced = environment.SLIPWAY_CHECK_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), Math.max(objects, 1));
  if (objects < WORKER_THRESHOLD) return 0;
  return Math.max(1, availableParallelism() - 1);
}

/** Splits `items` into `parts` contiguous slices of nearly equal size, in order. */
export function slices<T>(items: readonly T[], parts: number): T[][] {
  const result: T[][] = [];
  for (let part = 0; part < parts; part++) {
    const slice = items.slice(Math.floor((part * items.length) / parts), Math.floor(((part + 1) * items.length) / parts));
    if (slice.length > 0) result.push(slice);
  }
  return result;
}

export async function validateSchemasInWorkers(
  objects: readonly SourceObject[],
  options: { readonly kubernetesVersion: string; readonly customResources: ReadonlyMap<string, CustomResourceVersion> },
  workers: number,
): Promise<Finding[]> {
  const entry = workerEntry(import.meta.url, "validation-worker");
  // CEL rules are evaluated on the main thread (cel-validations.ts): their source schemas stay here.
  const customResources = versionsForValidation(options.customResources, objects);
  const replies = await Promise.all(
    slices(objects, workers).map(
      (slice) =>
        new Promise<Finding[]>((resolve, reject) => {
          const task: ValidationTask = {
            kubernetesVersion: options.kubernetesVersion,
            customResources,
            objects: slice.map((object) => {
              const source = sourceOf(object.document);
              return source === undefined ? object : { ...object, source };
            }),
          };
          const worker = new Worker(entry, { workerData: task });
          let settled = false;
          worker.once("message", (reply: ValidationReply) => {
            settled = true;
            if ("error" in reply) reject(new Error(`schema validation worker failed: ${reply.error}`));
            else resolve(reply.findings);
            void worker.terminate();
          });
          worker.once("error", (error) => {
            settled = true;
            reject(error);
          });
          worker.once("exit", (code) => {
            if (!settled) reject(new Error(`schema validation worker exited with code ${code} before answering`));
          });
        }),
    ),
  );
  return replies.flat();
}
