/**
 * The worker thread of parallel-parse.ts: parses its slice of files with the same
 * `readManifestFile` the main thread uses and posts the results back; then, asked to,
 * validates its own copies of those objects (whose texts it kept for field lines).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SourceObject } from "../finding.js";
import { sourceOf } from "./locate-field.js";
import type { ParseTask, ParseWorkerMessage, ValidateRequest } from "./parallel-parse.js";
import { readManifestFile } from "./read-manifest-file.js";

const port = parentPort;
const post = (message: ParseWorkerMessage) => port?.postMessage(message);
const failure = (error: unknown): ParseWorkerMessage => ({ kind: "error", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });

let objects: SourceObject[] = [];
try {
  const results = (workerData as ParseTask).files.map((task) => readManifestFile(task.path, task.file));
  objects = results.flatMap((result) => result.objects);
  // JSON text is read back two to four times faster than a structured clone, on the thread
  // everyone waits for; a result JSON cannot carry (NaN, infinities, -0) is cloned.
  post({ kind: "parsed", results: results.map((result) => (isJsonSafe(result) ? JSON.stringify(result) : result)) });
} catch (error) {
  post(failure(error));
}

port?.once("message", (request: ValidateRequest) => {
  void validate(request).catch((error: unknown) => post(failure(error)));
});

async function validate(request: ValidateRequest): Promise<void> {
  const celKinds = new Set(request.celKinds);
  const sources: [number, string, number][] = [];
  for (const [index, object] of objects.entries()) {
    const source = celKinds.has(`${object.apiVersion}/${object.kind}`) ? sourceOf(object.document) : undefined;
    if (source !== undefined) sources.push([index, source.text, source.line]);
  }
  post({ kind: "sources", sources });
  // Loaded only now: parsing, which the main thread waits for, starts without them.
  const [{ validateSchemasByObject }, { isDeprecatedOrRemoved }] = await Promise.all([import("../schema/validate-schemas.js"), import("../deprecations/deprecation-rules.js")]);
  const found = validateSchemasByObject(objects, {
    kubernetesVersion: request.kubernetesVersion,
    customResources: new Map(request.customResources),
    isReportedElsewhere: (object) => isDeprecatedOrRemoved(object, request.kubernetesVersion),
  });
  post({ kind: "validated", findings: found.flatMap((findings, index) => (findings.length > 0 ? [[index, findings] as [number, typeof findings]] : [])) });
}

/** Does JSON give this value back unchanged? Not for NaN, ±Infinity, -0, bigint or undefined. */
function isJsonSafe(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJsonSafe);
      for (const key in value) if (!isJsonSafe((value as Record<string, unknown>)[key])) return false;
      return true;
    default:
      return false;
  }
}
