/**
 * Parsing on worker threads, for large inputs, and schema validation by the same workers
 * of what they parsed. The files are cut into contiguous slices of about equal bytes, one
 * per core; each worker reads and parses its slice with `readManifestFile` (the function
 * the main thread uses) and posts the objects back; results are joined in input order, so
 * everything downstream is byte-identical to a sequential run.
 *
 * The workers validate their own copy of each object, with the text it was parsed from
 * for field lines: objects of built-in kinds right after parsing (then they let them
 * go), objects of custom kinds once the main thread knows the CRDs (`validate`). The
 * main thread gets, with the objects, the texts of all but the CRDs, which its rules
 * locate their findings in (it used to read nearly every file again for them: 0.1 s of
 * the real-world corpus); CRDs, the bulk of a large input, stay on the workers, except
 * when a rule points into one (read again then, `recallSources`). Closing the workers
 * frees the rest.
 *
 * Below `PARSE_WORKER_THRESHOLD_BYTES` the files are parsed on the main thread.
 * `SLIPWAY_CHECK_WORKERS=N` forces N workers (0: none). The parsed results come back as
 * JSON text, which the main thread reads faster than a structured clone.
 *
 * With `apiValidation`, the workers also judge their objects as the API server's validation
 * beyond the schema does (schema/api-validation.ts) and send the findings, field lines
 * included, with the schema's: this thread then reads no file again for their lines.
 *
 * The same workers also validate objects parsed elsewhere (`adopt`: a large input parsed
 * on the main thread, see schema/parallel-validation.ts): they are given copies of the
 * objects with their texts instead of files, and answer the same requests. So there is
 * one worker, one protocol and one way to fail for both.
 */
import { availableParallelism } from "node:os";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { Finding, SourceObject } from "../finding.js";
import type { CustomResourceVersion } from "../schema/custom-resource-schemas.js";
import { workerEntry } from "../../worker-entry.js";
import { rememberSource, sourceOf } from "./locate-field.js";
import type { ParsedSource } from "./parse-source.js";

/**
 * Bytes of files from which parsing moves to worker threads. Each worker starts cold (its
 * own isolate, modules and JIT warm-up: about 0.3 s of CPU), so below a few megabytes the
 * main thread parses faster than two workers do (measured on the 2.2 MB benchmark corpus).
 */
export const PARSE_WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * The young generation of a parse worker's heap, MiB. V8 sizes it like the main thread's
 * (up to 48 MiB on 64-bit), which a worker fills with the objects it parses and keeps
 * anyway: capped, the synthetic benchmark's peak RSS went from 168 to 147 MiB (median of
 * 5) for the same CPU time.
 */
export const PARSE_WORKER_YOUNG_GENERATION_MB = 8;

/** How a parse worker is started: its task, and its heap's limits. */
export function parseWorkerOptions(task: ParseTask): WorkerOptions {
  return { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_GENERATION_MB } };
}

/** A manifest file to parse: where to read it, the name findings give it, its size. */
export interface ManifestFileTask {
  readonly path: string;
  readonly file: string;
  readonly bytes: number;
  /** Found by walking a folder: YAML of other tools is skipped (parse-source.ts `skipUnrelatedYaml`). */
  readonly walked: boolean;
}

/** Worker threads for parsing `bytes` of files: none below the threshold, else one per core. */
export function parseWorkers(files: number, bytes: number, environment: NodeJS.ProcessEnv = process.env): number {
  const forced = environment.SLIPWAY_CHECK_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), files);
  if (bytes < PARSE_WORKER_THRESHOLD_BYTES || files < 2) return 0;
  return Math.min(availableParallelism(), files);
}

/** Splits `items` into `parts` contiguous slices of nearly equal length, in order, none empty. */
export function slices<T>(items: readonly T[], parts: number): T[][] {
  const result: T[][] = [];
  for (let part = 0; part < parts; part++) {
    const slice = items.slice(Math.floor((part * items.length) / parts), Math.floor(((part + 1) * items.length) / parts));
    if (slice.length > 0) result.push(slice);
  }
  return result;
}

/** Contiguous slices, in order, of about `total / parts` bytes each (a file is never split). */
export function slicesByBytes<T extends { readonly bytes: number }>(items: readonly T[], parts: number): T[][] {
  const total = items.reduce((sum, item) => sum + item.bytes, 0);
  const result: T[][] = Array.from({ length: parts }, () => []);
  let before = 0;
  for (const [index, item] of items.entries()) {
    // A file goes to the slice its middle byte falls in (by count when every file is empty).
    const middle = total > 0 ? (before + item.bytes / 2) / total : (index + 0.5) / items.length;
    result[Math.min(parts - 1, Math.floor(middle * parts))]?.push(item);
    before += item.bytes;
  }
  return result.filter((slice) => slice.length > 0);
}

/** An object handed to a worker, with the text it was parsed from (for field lines). */
export type AdoptedObject = SourceObject & { readonly source?: { readonly text: string; readonly line: number } };

/** What a parse worker is started with: files to parse, or objects parsed elsewhere to validate. */
export interface ParseTask {
  readonly files: readonly ManifestFileTask[];
  readonly objects?: readonly AdoptedObject[];
  /** Objects of its built-in kinds are validated as soon as they are parsed. */
  readonly kubernetesVersion: string;
  /** Judge the objects as the API server's validation does (api-validation.ts) too. @default false */
  readonly apiValidation?: boolean;
}

/** What the main thread asks a parse worker once the CRDs are known. */
export interface ValidateRequest {
  readonly kubernetesVersion: string;
  readonly customResources: readonly (readonly [string, CustomResourceVersion])[];
  /** `apiVersion/kind` of the custom resources with CEL rules: their texts are sent back. */
  readonly celKinds: readonly string[];
}

export type ParseWorkerMessage =
  /** Per file, its result as JSON text or, when JSON cannot carry it, as a clone. */
  | { readonly kind: "parsed"; readonly results: (string | ParsedSource)[]; readonly sources: [index: number, text: string, line: number][] }
  | { readonly kind: "sources"; readonly sources: [index: number, text: string, line: number][] }
  | { readonly kind: "validated"; readonly findings: [index: number, findings: Finding[]][]; readonly apiFindings: [index: number, findings: Finding[]][] }
  | { readonly kind: "error"; readonly error: string };

interface Running {
  readonly worker: Worker;
  readonly files: readonly ManifestFileTask[];
  /** The objects the worker parsed, in its order. */
  objects: readonly SourceObject[];
  readonly messages: AsyncMessageQueue;
}

/** Objects parsed and held by worker threads, validated there on request. */
export class ParallelParse {
  private readonly held = new Set<SourceObject>();

  private constructor(private readonly running: readonly Running[]) {}

  /**
   * Parses `tasks` on `workers` threads. Resolves with each task's result in input order;
   * rejects (after closing the workers) when a worker cannot start or fails, so the caller
   * can parse on the main thread instead.
   */
  static async start(tasks: readonly ManifestFileTask[], workers: number, kubernetesVersion: string, apiValidation = false): Promise<{ readonly results: ParsedSource[]; readonly session: ParallelParse }> {
    const entry = workerEntry(import.meta.url, "parse-worker");
    const running: Running[] = slicesByBytes(tasks, workers).map((files) => {
      const worker = new Worker(entry, parseWorkerOptions({ files, kubernetesVersion, apiValidation }));
      return { worker, files, objects: [], messages: new AsyncMessageQueue(worker) };
    });
    const session = new ParallelParse(running);
    try {
      const results: ParsedSource[] = [];
      for (const slice of running) {
        const message = await slice.messages.next("parsed");
        const parsed = message.results.map((result) => (typeof result === "string" ? (JSON.parse(result) as ParsedSource) : result));
        slice.objects = parsed.flatMap((result) => result.objects);
        for (const object of slice.objects) session.held.add(object);
        for (const [index, text, line] of message.sources) rememberSource((slice.objects[index] as SourceObject).document, text, line);
        results.push(...parsed);
      }
      return { results, session };
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /**
   * Hands `objects`, parsed on this thread, to `workers` threads in contiguous slices, to
   * be validated there like objects they parsed (`validate`). Each worker gets a copy of
   * its slice with the texts, for field lines. Throws when a worker cannot be created
   * (after closing the others); a worker that fails later rejects `validate`.
   */
  static adopt(objects: readonly SourceObject[], workers: number, kubernetesVersion: string, apiValidation = false): ParallelParse {
    const entry = workerEntry(import.meta.url, "parse-worker");
    const running: Running[] = [];
    try {
      for (const slice of slices(objects, workers)) {
        const task: ParseTask = {
          files: [],
          kubernetesVersion,
          apiValidation,
          objects: slice.map((object) => {
            const source = sourceOf(object.document);
            return source === undefined ? object : { ...object, source };
          }),
        };
        const worker = new Worker(entry, parseWorkerOptions(task));
        running.push({ worker, files: [], objects: slice, messages: new AsyncMessageQueue(worker) });
      }
    } catch (error) {
      for (const slice of running) void slice.worker.terminate();
      throw error;
    }
    const session = new ParallelParse(running);
    for (const object of objects) session.held.add(object);
    return session;
  }

  /** Did a worker parse (or adopt) this object (so it validates it)? */
  holds(object: SourceObject): boolean {
    return this.held.has(object);
  }

  /**
   * Validates, on the workers, the objects they parsed. `sources` settles once the texts
   * of the CEL kinds' objects are known on this thread (for their field lines); `findings`
   * maps each worker-held object that has schema findings to them, `apiFindings` each that
   * has API server validation findings (none unless the workers were started with `apiValidation`).
   */
  validate(request: ValidateRequest): {
    readonly sources: Promise<void>;
    readonly findings: Promise<Map<SourceObject, Finding[]>>;
    readonly apiFindings: Promise<Map<SourceObject, Finding[]>>;
  } {
    try {
      for (const slice of this.running) slice.worker.postMessage(request);
    } catch (error) {
      // A request that cannot be copied to a worker: no worker is left running.
      this.close();
      throw error;
    }
    const sources = Promise.all(
      this.running.map(async (slice) => {
        const message = await slice.messages.next("sources");
        for (const [index, text, line] of message.sources) rememberSource((slice.objects[index] as SourceObject).document, text, line);
      }),
    ).then(() => undefined);
    const validated = sources.then(async () => {
      const schema = new Map<SourceObject, Finding[]>();
      const api = new Map<SourceObject, Finding[]>();
      for (const slice of this.running) {
        const message = await slice.messages.next("validated");
        for (const [index, found] of message.findings) schema.set(slice.objects[index] as SourceObject, found);
        for (const [index, found] of message.apiFindings) api.set(slice.objects[index] as SourceObject, found);
      }
      return { schema, api };
    });
    // Whatever happens, the workers (and the texts they hold) go once they have answered.
    validated.then(
      () => this.close(),
      () => this.close(),
    );
    const apiFindings = validated.then((result) => result.api);
    // A caller that does not ask for them learns a failure from `findings`.
    apiFindings.catch(() => undefined);
    return { sources, findings: validated.then((result) => result.schema), apiFindings };
  }

  /** The files each worker parsed (none for adopted objects): to parse them again on this thread if a worker fails. */
  files(): readonly ManifestFileTask[] {
    return this.running.flatMap((slice) => slice.files);
  }

  close(): void {
    for (const slice of this.running) void slice.worker.terminate();
  }
}

/** A worker's messages, taken in the order it sends them; an error or an early exit rejects every wait. */
class AsyncMessageQueue {
  private readonly queued: ParseWorkerMessage[] = [];
  private waiting: ((message: ParseWorkerMessage) => void) | undefined;
  private failure: Error | undefined;
  private failed: ((error: Error) => void) | undefined;

  constructor(worker: Worker) {
    worker.on("message", (message: ParseWorkerMessage) => {
      if (this.waiting) {
        const deliver = this.waiting;
        this.waiting = undefined;
        this.failed = undefined;
        deliver(message);
      } else this.queued.push(message);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      this.failed?.(this.failure);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`parse worker exited with code ${code} before answering`)));
  }

  async next<K extends ParseWorkerMessage["kind"]>(kind: K): Promise<Extract<ParseWorkerMessage, { kind: K }>> {
    const message =
      this.queued.shift() ??
      (await new Promise<ParseWorkerMessage>((resolve, reject) => {
        if (this.failure) return reject(this.failure);
        this.waiting = resolve;
        this.failed = reject;
      }));
    if (message.kind === "error") throw new Error(`parse worker failed: ${message.error}`);
    if (message.kind !== kind) throw new Error(`parse worker sent ${message.kind} where ${kind} was expected`);
    return message as Extract<ParseWorkerMessage, { kind: K }>;
  }
}
