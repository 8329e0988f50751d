/**
 * Everything `slipway check` is given → SourceObjects: files, folders (recursively:
 * `.yaml`, `.yml`, `.json`), and standard input (`-`).
 *
 * A folder with a kustomization is rendered with real kustomize (as Argo CD would) and
 * its files are not loaded again; rendered objects keep the file and line of the
 * document they came from when it can be found. A large kustomization that only gathers
 * other kustomizations is rendered child by child (kustomize-aggregation.ts). Argo CD Applications whose source path
 * is a folder of the input repository (the folder given) are followed, so checking the
 * app-of-apps folder checks what it deploys.
 *
 * Symbolic links are followed (a folder reached twice is read once, a link back to an
 * enclosing folder is reported as a loop); a file or folder that cannot be read is an
 * `input` finding, never a silent skip: a check that passes must have seen everything.
 *
 * Manifest files found while walking are parsed together once the inputs are walked (on
 * worker threads when they are large and the caller allows it: parallel-parse.ts), and
 * everything is added in the order it was met, so the result does not depend on where
 * the files were parsed.
 */
import { readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { SlipwayError } from "../../errors.js";
import type { Finding, SourceObject } from "../finding.js";
import { SUPPRESSION_RULE_ID } from "../suppressions.js";
import { decodeManifest } from "./decode-manifest.js";
import { BuildQueue, DEFAULT_SPLIT_FILES, gatheredFolders } from "./kustomize-aggregation.js";
import { isKustomizeComponent, KUSTOMIZATION_FILES, kustomizationFile } from "./kustomization-file.js";
import { buildWithOrigins, takeOrigin } from "./kustomize-origins.js";
import { missingApplicationFolders } from "./missing-application-folders.js";
import { mergeRenderings } from "./kustomize-renderings.js";
import { moveSource } from "./locate-field.js";
import { ParallelParse, parseWorkers, type ManifestFileTask } from "./parallel-parse.js";
import type { ChartRendering } from "./rendered-charts.js";
import { parseSource, type ParsedSource } from "./parse-source.js";
import { INPUT_RULE_ID, readManifestFile } from "./read-manifest-file.js";

export { INPUT_RULE_ID } from "./read-manifest-file.js";

/** The file that makes a folder a Helm chart, for helm and for Argo CD's source type detection. */
const HELM_CHART_FILE = "Chart.yaml";

export interface LoadOptions {
  /**
   * Render the Helm charts that Applications in the input install, and add the namespaces
   * Argo CD creates for them. @default not rendered
   */
  readonly charts?: ChartRendering;
  /** Findings name files relative to it. */
  readonly cwd: string;
  /** Standard input, for the input `-`. */
  readonly readStdin?: () => Promise<string>;
  /** Render folders that hold a kustomization with kustomize. @default true */
  readonly kustomize?: boolean;
  /**
   * Above this many manifest files, a kustomization that only gathers kustomization
   * folders is built child by child (kustomize-aggregation.ts). @default DEFAULT_SPLIT_FILES
   */
  readonly kustomizeSplitFiles?: number;
  /**
   * Parse large inputs on worker threads (parallel-parse.ts), which then validate the
   * objects against this Kubernetes version's schemas: the caller must `validate` or
   * `close` `parallel`; with `apiValidation`, they also judge the objects as the API
   * server's validation does (`validate` gives those findings too). @default parsed on the main thread
   */
  readonly parseInWorkers?: ParseInWorkers;
}

/** What parse workers are started for (`LoadOptions.parseInWorkers`). */
export interface ParseInWorkers {
  readonly kubernetesVersion: string;
  /** @default false */
  readonly apiValidation?: boolean;
}

export interface LoadedInput {
  readonly objects: SourceObject[];
  readonly findings: Finding[];
  /** Files read: manifests, and each kustomization rendered. */
  readonly files: number;
  /** The worker threads that parsed (and hold) some of the objects, when `parseInWorkers` used them. */
  readonly parallel?: ParallelParse;
}

export const STDIN_FILE = "<stdin>";
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export async function loadInputs(inputs: readonly string[], options: LoadOptions): Promise<LoadedInput> {
  const loader = new Loader(options);
  for (const input of inputs) await loader.loadInput(input);
  await loader.flush(options.parseInWorkers);
  try {
    await loader.followApplications();
    loader.mergeRenderings();
    loader.findings.push(...missingApplicationFolders(loader.objects, loader.roots, options.cwd));
    // The chart machinery (and helm) loads only when an Application is in the input.
    if (options.charts !== undefined && loader.objects.some((object) => object.kind === "Application" && object.apiVersion.startsWith("argoproj.io/"))) {
      const { renderChartSources } = await import("./rendered-charts.js");
      const rendered = await renderChartSources(loader.objects, { ...options.charts, cwd: options.cwd, ruleId: INPUT_RULE_ID });
      loader.objects.push(...rendered.objects);
      loader.findings.push(...rendered.findings);
    }
  } catch (error) {
    // The caller never gets the workers to close: close them here, or they keep the process alive.
    loader.parallel?.close();
    throw error;
  }
  return { objects: loader.objects, findings: loader.findings, files: loader.files, ...(loader.parallel ? { parallel: loader.parallel } : {}) };
}

/** A manifest file whose parsing waits for `flush`, with everything loaded after it. */
interface PendingFile extends ManifestFileTask {
  readonly pending: true;
}

class Loader {
  objects: SourceObject[] = [];
  readonly findings: Finding[] = [];
  files = 0;
  parallel: ParallelParse | undefined;
  /**
   * What was loaded since the last `flush`, in order: manifest files are parsed together
   * at the flush (on worker threads when large), so results keep their order either way.
   */
  private queue: (ParsedSource | PendingFile)[] = [];
  /** Folders walked whole: nothing below them is loaded again. */
  private readonly loadedFolders: string[] = [];
  /** Absolute paths of the files objects came from (after kustomize, their source files). */
  private readonly objectFiles = new Set<string>();
  /** Real paths (symbolic links resolved) of the files and folders read. */
  private readonly loadedFiles = new Set<string>();
  private readonly walkedFolders = new Set<string>();
  /** Repository roots (folders given as input) against which Application paths resolve. */
  readonly roots: string[] = [];
  private followedUpTo = 0;
  /** kustomize builds of gathered folders, started ahead of their turn. */
  private builds: BuildQueue | undefined;
  /** Per folder with a kustomization: the folders it gathers when it is built child by child, else undefined. */
  private readonly gatherings = new Map<string, Promise<string[] | undefined>>();
  /** The folder (as findings name it) of the kustomization that rendered each object kustomize rendered. */
  private readonly renderedBy = new Map<SourceObject, string>();
  /** The identities rendered so far under each gathering being loaded, to find what kustomize would refuse. */
  private readonly scopes: { readonly ids: Set<string>; conflict: boolean }[] = [];

  constructor(private readonly options: LoadOptions) {}

  async loadInput(input: string): Promise<void> {
    if (input === "-") {
      if (!this.options.readStdin) throw new SlipwayError("USAGE", "standard input (-) is not available here", { fix: "pass files or folders instead of -" });
      this.files += 1;
      this.add(parseSource(await this.options.readStdin(), STDIN_FILE));
      return;
    }
    const path = resolve(this.options.cwd, input);
    const info = await stat(path).catch((error: unknown) => {
      throw new SlipwayError("INPUT_UNREADABLE", `cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        where: path,
        fix: "pass existing files or folders of manifests (or - for standard input)",
      });
    });
    if (info.isDirectory()) {
      this.roots.push(path);
      await this.loadFolder(path);
    } else {
      await this.loadFile(path);
    }
  }

  /** Loads the folders Applications point at, until no new folder appears. */
  async followApplications(): Promise<void> {
    while (this.followedUpTo < this.objects.length) {
      const batch = this.objects.slice(this.followedUpTo);
      this.followedUpTo = this.objects.length;
      for (const folder of applicationFolders(batch, this.roots)) {
        // A folder some loaded object comes from was already rendered (by an enclosing kustomization).
        if (this.isLoaded(folder) || this.hasObjectsFrom(folder)) continue;
        const info = await stat(folder).catch(() => undefined);
        // Flushed folder by folder, so the files a kustomization rendered count as loaded
        // before the next Application's folder is looked at (an overlay, then its base).
        if (info?.isDirectory()) {
          await this.loadFolder(folder);
          await this.flush();
        }
      }
      await this.flush();
    }
  }

  /** One object per distinct rendering of a document several kustomizations render (kustomize-renderings.ts). */
  mergeRenderings(): void {
    this.objects = mergeRenderings(this.objects, this.renderedBy);
  }

  /**
   * Parses the manifest files queued since the last flush (on worker threads when
   * `workers` allows and the files are large enough) and adds everything queued, in order.
   */
  async flush(workers?: ParseInWorkers): Promise<void> {
    const pending = this.queue.filter((entry): entry is PendingFile => "pending" in entry);
    let results: ParsedSource[] | undefined;
    const threads = workers !== undefined && this.parallel === undefined ? parseWorkers(pending.length, pending.reduce((sum, file) => sum + file.bytes, 0)) : 0;
    if (workers !== undefined && threads > 0) {
      try {
        const started = await ParallelParse.start(pending, threads, workers.kubernetesVersion, workers.apiValidation === true);
        results = started.results;
        this.parallel = started.session;
      } catch {
        // A worker that cannot start or dies (no memory, a sandbox without threads) costs time, not findings.
      }
    }
    results ??= pending.map((file) => readManifestFile(file.path, file.file, { skipUnrelatedYaml: file.walked }));
    let next = 0;
    const queue = this.queue;
    this.queue = [];
    for (const entry of queue) {
      const parsed = "pending" in entry ? (results[next++] as ParsedSource) : entry;
      for (const object of parsed.objects) {
        this.objects.push(object);
        if (object.file !== STDIN_FILE) this.objectFiles.add(resolve(this.options.cwd, object.file));
      }
      for (const finding of parsed.findings) this.findings.push(finding);
    }
  }

  /**
   * `nested`: reached by walking a folder being loaded (which is already marked loaded).
   * `enclosing`: real paths of the folders being walked above this one, to detect loops.
   */
  private async loadFolder(folder: string, nested = false, enclosing: readonly string[] = []): Promise<void> {
    if (!nested && this.isLoaded(folder)) return;
    const real = await realpath(folder).catch(() => folder);
    if (enclosing.includes(real)) {
      this.inputFinding(folder, `symbolic link loop: the folder links back to ${this.display(real)}, which encloses it`, "remove the link or point it outside the folders it is inside");
      return;
    }
    // The same folder reached through a link and directly is read once.
    if (this.walkedFolders.has(real)) return;
    this.walkedFolders.add(real);
    const kustomization = await kustomizationFile(folder);
    if (kustomization && this.options.kustomize !== false) {
      // A Component is no build of its own: its patches mean something only in the kustomizations that list it
      // under `components`, which render its objects (with their origin in its files). kustomize refuses to build it alone.
      if (isKustomizeComponent(kustomization)) return;
      const children = await this.gatheredChildren(folder, kustomization);
      if (children !== undefined) {
        await this.loadGathering(folder, kustomization, children, [...enclosing, real]);
        return;
      }
      if (await this.loadKustomization(folder, kustomization)) return;
    }
    if (!nested) this.loadedFolders.push(folder);
    // A Helm chart folder is a template for helm, not manifests: Argo CD renders it (a
    // Chart.yaml makes the source a Helm source), and its templates are Go templates that no
    // YAML reader can parse. It is named, not parsed into false errors.
    if ((await stat(join(folder, HELM_CHART_FILE)).catch(() => undefined))?.isFile()) {
      this.files += 1;
      this.addFinding({
        ruleId: INPUT_RULE_ID,
        severity: "info",
        file: this.display(join(folder, HELM_CHART_FILE)),
        line: 1,
        message: "Helm chart folder: its templates are rendered by helm (Argo CD renders them with the Application's values), so they are not read as manifests here",
        fix: `check what it renders: helm template <release> ${this.display(folder)} --namespace <namespace> --values <values> | slipway check -`,
      });
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      this.inputFinding(folder, `cannot read the folder: ${errorCode(error)}`, "make the folder readable (read and execute permission) or leave it out of the input");
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch((error: unknown) => error as NodeJS.ErrnoException);
        if (target instanceof Error) {
          // ELOOP: links that point at each other; ENOENT: the target is gone.
          const problem = target.code === "ELOOP" ? "symbolic link loop" : `broken symbolic link (${errorCode(target)})`;
          this.inputFinding(path, `${problem}: the link cannot be followed`, "fix or remove the link, or leave it out of the input");
          continue;
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory) await this.loadFolder(path, true, [...enclosing, real]);
      else if (isFile && MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase()) && !KUSTOMIZATION_FILES.includes(entry.name)) this.loadFile(path, true);
    }
  }

  private inputFinding(path: string, message: string, fix: string): void {
    this.addFinding({ ruleId: INPUT_RULE_ID, severity: "error", file: this.display(path), line: 1, message, fix });
  }

  private addFinding(finding: Finding): void {
    this.queue.push({ objects: [], findings: [finding] });
  }

  /** The folders the kustomization of `folder` gathers, when there are enough files below them to build them one by one. */
  private gatheredChildren(folder: string, kustomization: string): Promise<string[] | undefined> {
    let result = this.gatherings.get(folder);
    if (result === undefined) {
      result = gatheredFolders(folder, kustomization).then(async (children) => {
        if (children === undefined) return undefined;
        let files = 0;
        for (const child of children) files += (await manifestFilesBelow(child)).length;
        return files > (this.options.kustomizeSplitFiles ?? DEFAULT_SPLIT_FILES) ? children : undefined;
      });
      this.gatherings.set(folder, result);
    }
    return result;
  }

  /**
   * A kustomization that gathers `children`, each loaded in turn (built whole several at a
   * time, or split again). The folder's own build runs only when two children render the
   * same object or one child is gathered twice: kustomize then says whether it refuses.
   */
  private async loadGathering(folder: string, kustomization: string, children: readonly string[], enclosing: readonly string[]): Promise<void> {
    // Counted as one build of the folder would count: its kustomization, and the files its children read.
    if (this.scopes.length === 0) this.files += 1;
    const builds = await this.buildQueue();
    for (const child of children) {
      const childKustomization = await kustomizationFile(child);
      if (childKustomization !== undefined && (await this.gatheredChildren(child, childKustomization)) === undefined) builds.schedule(child);
    }
    const scope = { ids: new Set<string>(), conflict: false };
    this.scopes.push(scope);
    try {
      for (const child of children) {
        // Gathered twice (here, or by another gathering around it): kustomize refuses the same objects twice.
        if (this.walkedFolders.has(await realpath(child).catch(() => child))) for (const open of this.scopes) open.conflict = true;
        else await this.loadFolder(child, true, enclosing);
      }
    } finally {
      this.scopes.pop();
    }
    if (!scope.conflict) return;
    try {
      // Built as a whole build would have been, so the finding is the one it would give.
      const { kustomizeBuild } = await import("../../tools/kubectl.js");
      await buildWithOrigins(folder, kustomizeBuild);
    } catch (error) {
      this.kustomizeFinding(folder, kustomization, error);
    }
  }

  private async buildQueue(): Promise<BuildQueue> {
    if (this.builds === undefined) {
      const { kustomizeBuild } = await import("../../tools/kubectl.js");
      this.builds = new BuildQueue((folder) => buildWithOrigins(folder, kustomizeBuild));
    }
    return this.builds;
  }

  /** A kustomization kustomize rejected is a finding; a kustomize that cannot run is the machine's problem, thrown. */
  private kustomizeFinding(folder: string, kustomization: string, error: unknown): void {
    if (!(error instanceof SlipwayError) || error.code !== "KUSTOMIZATION_INVALID") throw error;
    this.addFinding({
      ruleId: "kustomize",
      severity: "error",
      file: this.display(kustomization),
      line: 1,
      message: error.message,
      fix: `run kubectl kustomize ${relative(this.options.cwd, folder) || "."} and fix what it reports`,
    });
  }

  /** True when rendered; false when kustomize failed (reported) and the files are to be loaded one by one. */
  private async loadKustomization(folder: string, kustomization: string): Promise<boolean> {
    const file = this.display(kustomization);
    let rendered: string;
    try {
      // Loaded only when a kustomization is met: finding kustomize is not every check's business.
      const { kustomizeBuild } = await import("../../tools/kubectl.js");
      rendered = await (this.builds?.take(folder) ?? buildWithOrigins(folder, kustomizeBuild));
    } catch (error) {
      this.kustomizeFinding(folder, kustomization, error);
      return false;
    }
    // Not marked as walked: Applications may still point at folders the kustomization leaves out.
    const parsed = parseSource(rendered, file);
    const { origins, files } = await this.originsBelow(folder);
    // The manifest files below the kustomization count as read, plus the kustomization itself
    // (within a gathering, the gathering's kustomization stands for its children's).
    this.files += files + (this.scopes.length === 0 ? 1 : 0);
    const originFiles = new Map<string, SourceObject[]>();
    const objects = parsed.objects.map((object) => {
      const originPath = takeOrigin(object.document, folder);
      const origin = originPath !== undefined ? this.objectInFile(originPath, object, originFiles) : (origins.get(signature(object)) ?? origins.get(signatureWithoutNamespace(object)));
      // Field lines are looked up in the source file's text; without an origin, there is none to use.
      moveSource(object.document, origin?.document);
      // Without an origin (kustomize generated or renamed it), the object is the kustomization's: its first line.
      // Comments (and so inline suppressions) do not survive kustomize: they come from the source document.
      return origin
        ? { ...object, file: origin.file, line: origin.line, documentIndex: origin.documentIndex, ...(origin.suppressions ? { suppressions: origin.suppressions } : {}) }
        : { ...object, line: 1 };
    });
    const rendering = relative(this.options.cwd, folder) || ".";
    for (const object of objects) this.renderedBy.set(object, rendering);
    for (const scope of this.scopes) {
      for (const object of objects) {
        const key = signature(object);
        if (scope.ids.has(key)) scope.conflict = true;
        else scope.ids.add(key);
      }
    }
    this.add({ objects, findings: parsed.findings });
    return true;
  }

  /**
   * The document of `path` (named by kustomize's origin annotation) that `rendered` came
   * from: same identity, else same kind whose name the rendered name contains (a name
   * prefix or suffix), else the only one; else the file's first line.
   */
  private objectInFile(path: string, rendered: SourceObject, cache: Map<string, SourceObject[]>): SourceObject {
    let candidates = cache.get(path);
    if (candidates === undefined) {
      let text = "";
      try {
        text = decodeManifest(readFileSync(path));
      } catch {
        // Kustomize read it a moment ago; if it is gone now, the file's first line will do.
      }
      const parsed = parseSource(text, this.display(path), extname(path).toLowerCase() === ".json" ? "json" : "yaml");
      candidates = parsed.objects;
      cache.set(path, candidates);
      // The source file's malformed suppression comments are the user's to fix, kustomize or not.
      for (const finding of parsed.findings) if (finding.ruleId === SUPPRESSION_RULE_ID) this.addFinding(finding);
    }
    const sameKind = candidates.filter((candidate) => candidate.kind === rendered.kind);
    const found =
      sameKind.find((candidate) => candidate.name === rendered.name && candidate.apiVersion === rendered.apiVersion) ??
      sameKind.find((candidate) => candidate.name === rendered.name) ??
      sameKind.find((candidate) => candidate.name !== "" && rendered.name.includes(candidate.name)) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    // Not found in its file: the file's first line, with no document to look field lines up in.
    return found ?? { ...rendered, document: {}, file: this.display(path), line: 1, documentIndex: 0 };
  }

  /** Where each object of a kustomization's files was written (generated objects have no origin annotation). */
  private async originsBelow(folder: string): Promise<{ origins: Map<string, SourceObject>; files: number }> {
    const origins = new Map<string, SourceObject>();
    const ambiguous = new Set<string>();
    const paths = await manifestFilesBelow(folder);
    for (const path of paths) {
      const text = await readFile(path).then(decodeManifest, () => "");
      for (const object of parseSource(text, this.display(path), extname(path) === ".json" ? "json" : "yaml").objects) {
        origins.set(signature(object), object);
        const loose = signatureWithoutNamespace(object);
        if (origins.has(loose)) ambiguous.add(loose);
        else origins.set(loose, object);
      }
    }
    for (const key of ambiguous) origins.delete(key);
    return { origins, files: paths.length };
  }

  /** `walked`: found by walking a folder, not named as input (YAML of other tools is then skipped, not an error). */
  private loadFile(path: string, walked = false): void {
    let real = path;
    try {
      real = realpathSync.native(path);
    } catch {
      // Unreadable: reported below when the read fails.
    }
    if (this.loadedFiles.has(real)) return;
    this.loadedFiles.add(real);
    this.files += 1;
    let bytes = 0;
    try {
      bytes = statSync(path).size;
    } catch {
      // Unreadable: reported when it is read.
    }
    // Read and parsed at the next flush, with the files around it.
    this.queue.push({ pending: true, path, file: this.display(path), bytes, walked });
  }

  private add(parsed: ParsedSource): void {
    this.queue.push(parsed);
  }

  private hasObjectsFrom(folder: string): boolean {
    for (const file of this.objectFiles) if (file.startsWith(folder + sep)) return true;
    return false;
  }

  private isLoaded(folder: string): boolean {
    return this.loadedFolders.some((loaded) => folder === loaded || folder.startsWith(loaded + sep));
  }

  private display(path: string): string {
    return relative(this.options.cwd, path) || basename(path);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

async function manifestFilesBelow(folder: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase()) || KUSTOMIZATION_FILES.includes(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (!relative(folder, path).split(sep).some((part) => part.startsWith(".") || part === "node_modules")) files.push(path);
  }
  return files.sort();
}

function signature(object: Pick<SourceObject, "apiVersion" | "kind" | "namespace" | "name">): string {
  return `${object.apiVersion}/${object.kind}/${object.namespace ?? ""}/${object.name}`;
}

function signatureWithoutNamespace(object: Pick<SourceObject, "apiVersion" | "kind" | "name">): string {
  return `${object.apiVersion}/${object.kind}/*/${object.name}`;
}

/**
 * Local folders that Argo CD Applications deploy: `spec.source.path` and each of
 * `spec.sources[].path` (not Helm charts), resolved against every input root, kept only
 * when inside that root.
 */
export function applicationFolders(objects: readonly SourceObject[], roots: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const object of objects) {
    if (object.kind !== "Application" || !object.apiVersion.startsWith("argoproj.io/")) continue;
    const spec = object.document.spec as Record<string, unknown> | undefined;
    if (spec === null || typeof spec !== "object") continue;
    const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])];
    for (const source of sources) {
      if (source === null || typeof source !== "object") continue;
      const { path, chart } = source as Record<string, unknown>;
      if (typeof path !== "string" || chart !== undefined) continue;
      for (const root of roots) {
        // The GitOps tree may sit below the repository root (`gitops/platform/...` while the
        // folder given is `gitops`): a path starting with the root's own name resolves from its parent.
        const candidates = [resolve(root, path)];
        if (path.split("/")[0] === basename(root)) candidates.push(resolve(dirname(root), path));
        for (const folder of candidates) if (folder === root || folder.startsWith(root + sep)) folders.add(folder);
      }
    }
  }
  return [...folders].sort();
}
