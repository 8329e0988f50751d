/**
 * Schema validation on worker threads for a large input parsed on the main thread, so it
 * runs on the other cores while the main thread runs the rules. The objects are handed,
 * in contiguous slices, to the parse workers of load/parallel-parse.ts (`adopt`), which
 * validate them exactly as they validate what they parse (with `validateSchemasByObject`,
 * the function the main thread uses); the findings are joined in object order, so the
 * result is the same list in the same order as a sequential run.
 *
 * Starting a worker costs about 0.1 s and a copy of its objects, so small inputs are
 * validated on the main thread: workers start only from `WORKER_THRESHOLD` objects up
 * (`SLIPWAY_CHECK_WORKERS=N` forces N workers, 0 none). Compiled validators are shared
 * through the disk cache of schema-compiler.ts.
 */
import { availableParallelism } from "node:os";
import type { Finding, SourceObject } from "../finding.js";
import { ParallelParse } from "../load/parallel-parse.js";
import { versionsForValidation, type CustomResourceVersion } from "./custom-resource-schemas.js";


/** Objects from which validation moves to worker threads: below it, start-up costs more than it saves. */
export const WORKER_THRESHOLD = 1_500;

/** Workers to use for `objects` objects: none below the threshold, else one per core but the main thread's. */
export function validationWorkers(objects: number, environment: NodeJS.ProcessEnv = process.env): number {
  const forced = environment.SLIPWAY_CHECK_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), Math.max(objects, 1));
  if (objects < WORKER_THRESHOLD) return 0;
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Schema findings of `objects`, in order, validated on `workers` threads, and with
 * `apiValidation` the API server validation's findings (api-validation.ts: those of
 * `apiValidationFindings(refusedObjects(objects, ...))`, in the same order); rejects when a
 * worker cannot start or fails.
 */
export async function validateSchemasInWorkers(
  objects: readonly SourceObject[],
  options: { readonly kubernetesVersion: string; readonly customResources: ReadonlyMap<string, CustomResourceVersion>; readonly apiValidation?: boolean },
  workers: number,
): Promise<{ readonly findings: Finding[]; readonly apiFindings: Finding[] }> {
  const pool = ParallelParse.adopt(objects, workers, options.kubernetesVersion, options.apiValidation === true);
  // CEL rules are evaluated on the main thread (cel-validations.ts), which has every text already: none is sent back.
  const validation = pool.validate({ kubernetesVersion: options.kubernetesVersion, customResources: versionsForValidation(options.customResources, objects), celKinds: [] });
  validation.sources.catch(() => undefined); // the same failure rejects `findings`
  const byObject = await validation.findings;
  const apiByObject = await validation.apiFindings;
  return { findings: objects.flatMap((object) => byObject.get(object) ?? []), apiFindings: objects.flatMap((object) => apiByObject.get(object) ?? []) };
}
