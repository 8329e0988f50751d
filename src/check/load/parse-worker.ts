/**
 * The worker thread of parallel-parse.ts: parses its slice of files with the same
 * `readManifestFile` the main thread uses and posts the results back (or, adopting objects
 * the main thread parsed, takes them with their texts and posts nothing). It then
 * validates its own copies of the objects of built-in kinds at once (they need no CRD)
 * and lets them and their texts go; the objects of custom kinds wait, with their texts
 * (for field lines), until the main thread knows the CRDs and asks.
 *
 * When asked to (`apiValidation`), it also judges its objects as the API server's validation
 * beyond the schema does (schema/api-validation.ts), locating findings with the texts it
 * holds: objects of built-in groups at once, the others once the CRDs are known. The main
 * thread then neither judges them nor reads their files again for field lines.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Finding, SourceObject } from "../finding.js";
import { rememberSource, sourceOf } from "./locate-field.js";
import type { AdoptedObject, ParseTask, ParseWorkerMessage, ValidateRequest } from "./parallel-parse.js";
import { readManifestFile } from "./read-manifest-file.js";
import { isCustomResourceDefinition } from "../schema/is-crd.js";

const port = parentPort;
const post = (message: ParseWorkerMessage) => port?.postMessage(message);
const failure = (error: unknown): ParseWorkerMessage => ({ kind: "error", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
const task = workerData as ParseTask;

/** The objects parsed here, by index; undefined once validated. */
let objects: (SourceObject | undefined)[] = [];
const findings = new Map<number, Finding[]>();
/** The API server validation's findings, by object index. */
const apiFindings = new Map<number, Finding[]>();
/** Objects whose API server validation waits for the CRDs (not of a built-in group), by index. */
let apiWaiting: (SourceObject | undefined)[] = [];

const builtInsValidated = (async () => {
  try {
    if (task.objects !== undefined) objects = adopt(task.objects);
    else {
      const results = task.files.map((file) => readManifestFile(file.path, file.file, { skipUnrelatedYaml: file.walked }));
      const parsed = results.flatMap((result) => result.objects);
      objects = parsed;
      // JSON text is read back two to four times faster than a structured clone, on the thread
      // everyone waits for; a result JSON cannot carry (NaN, infinities, -0) is cloned.
      post({ kind: "parsed", results: results.map((result) => (isJsonSafe(result) ? JSON.stringify(result) : result)), sources: sourcesForRules(parsed) });
    }
  } catch (error) {
    post(failure(error));
    throw error;
  }
  if (task.apiValidation === true) {
    const { judgedWithoutCustomResources } = await import("../schema/api-validation.js");
    const now = [...objects.keys()].filter((position) => judgedWithoutCustomResources((objects[position] as SourceObject).apiVersion));
    // Objects of built-in groups need no CRD: judged before the schema step lets them go.
    await judgeApiValidation(now, () => false);
    apiWaiting = objects.map((object) => (object !== undefined && !judgedWithoutCustomResources(object.apiVersion) ? object : undefined));
  }
  // Loaded only now: parsing, which the main thread waits for, starts without them.
  const { validateSchemasByObject, options } = await validation(task.kubernetesVersion, []);
  const { index } = (await import("../schema/kubernetes-schema-bundle.js")).kubernetesSchemaBundle(task.kubernetesVersion);
  const builtIn = [...objects.keys()].filter((position) => index[`${objects[position]?.apiVersion}/${objects[position]?.kind}`] !== undefined);
  const found = validateSchemasByObject(builtIn.map((position) => objects[position] as SourceObject), options);
  for (const [position, objectIndex] of builtIn.entries()) {
    if ((found[position] as Finding[]).length > 0) findings.set(objectIndex, found[position] as Finding[]);
    objects[objectIndex] = undefined;
  }
})();
// A failure is reported to the main thread when it asks (or has been, for parsing).
builtInsValidated.catch(() => undefined);

port?.once("message", (request: ValidateRequest) => {
  void builtInsValidated.then(() => validateCustomResources(request)).catch((error: unknown) => post(failure(error)));
});

/**
 * The texts the main thread's rules locate their findings in: every object's but the
 * CRDs' (the bulk of a large input, which the rules seldom point into; read again from
 * their file when they do, read-manifest-file.ts `recallSources`).
 */
function sourcesForRules(parsed: readonly SourceObject[]): [number, string, number][] {
  const sources: [number, string, number][] = [];
  for (const [index, object] of parsed.entries()) {
    if (isCustomResourceDefinition(object.document)) continue;
    const source = sourceOf(object.document);
    if (source !== undefined) sources.push([index, source.text, source.line]);
  }
  return sources;
}

/** Objects parsed on the main thread: their texts are remembered, for field lines, by the copied documents' identity. */
function adopt(adopted: readonly AdoptedObject[]): SourceObject[] {
  return adopted.map(({ source, ...object }) => {
    if (source !== undefined) rememberSource(object.document, source.text, source.line);
    return object;
  });
}

async function validation(kubernetesVersion: string, customResources: ValidateRequest["customResources"]) {
  const [{ validateSchemasByObject }, { isDeprecatedOrRemoved }] = await Promise.all([import("../schema/validate-schemas.js"), import("../deprecations/deprecation-rules.js")]);
  return {
    validateSchemasByObject,
    options: { kubernetesVersion, customResources: new Map(customResources), isReportedElsewhere: (object: SourceObject) => isDeprecatedOrRemoved(object, kubernetesVersion) },
  };
}

async function validateCustomResources(request: ValidateRequest): Promise<void> {
  const celKinds = new Set(request.celKinds);
  const waiting = [...objects.keys()].filter((position) => objects[position] !== undefined);
  const sources: [number, string, number][] = [];
  for (const position of waiting) {
    const object = objects[position] as SourceObject;
    const source = celKinds.has(`${object.apiVersion}/${object.kind}`) ? sourceOf(object.document) : undefined;
    if (source !== undefined) sources.push([position, source.text, source.line]);
  }
  post({ kind: "sources", sources });
  const { validateSchemasByObject, options } = await validation(request.kubernetesVersion, request.customResources);
  const found = validateSchemasByObject(waiting.map((position) => objects[position] as SourceObject), options);
  for (const [position, objectIndex] of waiting.entries()) if ((found[position] as Finding[]).length > 0) findings.set(objectIndex, found[position] as Finding[]);
  if (task.apiValidation === true) {
    const served = new Map(request.customResources);
    await judgeApiValidation(
      [...apiWaiting.keys()].filter((position) => apiWaiting[position] !== undefined),
      (key) => served.get(key)?.served === true,
      apiWaiting,
    );
    apiWaiting = [];
  }
  post({ kind: "validated", findings: [...findings.entries()], apiFindings: [...apiFindings.entries()] });
}

/** The API server validation's findings of the objects at `positions` (in order), kept by index. */
async function judgeApiValidation(positions: readonly number[], isCustomKind: (key: string) => boolean, from: readonly (SourceObject | undefined)[] = objects): Promise<void> {
  const { apiValidationFindings, refusedObjects } = await import("../schema/api-validation.js");
  const indexes = new Map(positions.map((position) => [from[position] as SourceObject, position]));
  for (const refused of refusedObjects([...indexes.keys()], isCustomKind)) apiFindings.set(indexes.get(refused.object) as number, apiValidationFindings([refused]));
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
