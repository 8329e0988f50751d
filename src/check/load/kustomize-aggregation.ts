/**
 * Large kustomizations that only gather other kustomizations, built child by child.
 *
 * kustomize's build time grows with the square of the objects it holds: every resource
 * it adds is compared with every one before it. On a 300-application GitOps repository
 * (4,793 objects), building the root kustomization took 251 s of kustomize, while each of
 * its 347 kustomizations builds in about 0.12 s. A kustomization whose only field is
 * `resources`, listing folders that each hold a kustomization, renders exactly what its
 * children render, one after the other: nothing is transformed on the way up. So when
 * more than `minFiles` manifest files lie below such a folder, the loader renders each
 * child with real kustomize instead (several at a time), and the folder's own build runs
 * only to settle what joining the children could break: an object two children both
 * render, which kustomize refuses.
 *
 * Below the threshold the whole folder is built at once: one kustomize process is then
 * cheaper than one per child.
 */
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { FALLBACK, parseFastYaml } from "./fast-yaml.js";
import { isKustomizeComponent, kustomizationFile } from "./kustomization-file.js";

/** Above this many manifest files below a gathering kustomization, its children are built one by one. */
export const DEFAULT_SPLIT_FILES = 500;

/** The only fields a gathering kustomization has. */
const GATHERING_FIELDS = new Set(["apiVersion", "kind", "resources"]);

/**
 * The folders the kustomization of `folder` gathers, in its order, when it only gathers
 * kustomization folders; undefined when it does anything else (a file or remote resource,
 * a patch, a transformer, a generator, a missing folder, one listed twice) or cannot be
 * read: kustomize then builds it whole and says what is wrong.
 */
export async function gatheredFolders(folder: string, kustomization: string): Promise<string[] | undefined> {
  const text = await readFile(kustomization, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let document: unknown;
  try {
    document = parseFastYaml(text.replace(/\r\n?/g, "\n"));
  } catch {
    return undefined;
  }
  if (document === FALLBACK || document === null || typeof document !== "object" || Array.isArray(document)) return undefined;
  const fields = document as Record<string, unknown>;
  if (Object.keys(fields).some((key) => !GATHERING_FIELDS.has(key))) return undefined;
  if (fields.kind !== undefined && fields.kind !== "Kustomization") return undefined;
  const resources = fields.resources;
  if (!Array.isArray(resources) || resources.length === 0) return undefined;
  const children: string[] = [];
  for (const entry of resources) {
    // A URL or a remote base (`github.com/...?ref=`) is kustomize's to fetch.
    if (typeof entry !== "string" || entry === "" || /[:?*[]/.test(entry)) return undefined;
    const child = resolve(folder, entry);
    if (children.includes(child) || child === resolve(folder) || !(await holdsKustomization(child))) return undefined;
    children.push(child);
  }
  return children;
}

/** True when `folder` holds a Kustomization (a Component is no resource: kustomize refuses it, so the whole build says so). */
async function holdsKustomization(folder: string): Promise<boolean> {
  const kustomization = await kustomizationFile(folder);
  return kustomization !== undefined && !isKustomizeComponent(kustomization);
}

/**
 * kustomize builds started ahead of their turn, at most one per core at a time, each
 * taken once by the folder it renders. A build nobody takes is still awaited by nothing:
 * its failure is kept for the taker, never thrown unhandled.
 */
export class BuildQueue {
  private readonly started = new Map<string, Promise<string>>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;

  constructor(
    private readonly build: (folder: string) => Promise<string>,
    private readonly slots = Math.max(1, availableParallelism()),
  ) {}

  /** Starts building `folder` when a slot is free. */
  schedule(folder: string): void {
    if (this.started.has(folder)) return;
    const result = this.whenFree().then(() => this.build(folder)).finally(() => this.release());
    result.catch(() => undefined);
    this.started.set(folder, result);
  }

  /** The scheduled build of `folder`, handed over once; undefined when none was scheduled. */
  take(folder: string): Promise<string> | undefined {
    const result = this.started.get(folder);
    this.started.delete(folder);
    return result;
  }

  private whenFree(): Promise<void> {
    if (this.running < this.slots) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolvePromise) => this.waiting.push(resolvePromise));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.running -= 1;
  }
}
