/**
 * Bundles bench/snapshot/entry.ts (`slipway synth` in process) with everything it
 * loads into ONE CommonJS script, which is what `node --build-snapshot` needs: in the
 * snapshot builder `require` reaches only Node's built-in modules.
 *
 * What bundling breaks, and how each is worked around here (docs/infrastructure.md):
 *
 * - `import.meta.url` is empty in a CommonJS bundle, and Slipway reads files beside its
 *   modules through it (src/generated/, tools/localcp/, package.json) at module load.
 *   Each occurrence is replaced by the file URL of the source file it is in, so every
 *   relative lookup still lands in the checkout the bundle was built from.
 * - `createRequire(import.meta.url)` (aws-cdk-lib, cdk-nag, ajv loaded lazily by name)
 *   is invisible to the bundler: it would load them from node_modules at run time,
 *   which the snapshot builder cannot. It is rewritten to a plain `require("…")`,
 *   which esbuild bundles and still evaluates lazily (on first call), as before.
 * - `require.resolve("…")` is left for run time by esbuild, where it would resolve from
 *   the bundle's folder: in Slipway's files it is resolved at bundle time into the path.
 * - `__dirname` / `__filename` in packages (aws-cdk-lib's handler and asset folders)
 *   would name the bundle's folder: replaced by the original file's, as above.
 * - tsx (a TypeScript `slipway.config.ts`) registers module loader hooks, which neither a
 *   bundle nor a snapshot can hold: left external, so such a spec cannot be synthesized
 *   by this entry (the reference platform and YAML specs can).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = fileURLToPath(new URL("./entry.ts", import.meta.url));

/** Slipway's `const name = createRequire(import.meta.url);` … `name("x")` → `require("x")`. */
export function withPlainRequire(source: string): string {
  let rewritten = source.replaceAll("createRequire(import.meta.url)(", "require(");
  for (const match of [...rewritten.matchAll(/^\s*const (\w+) = createRequire\(import\.meta\.url\);\s*$/gm)]) {
    const name = match[1]!;
    rewritten = rewritten.replace(match[0], "");
    // Calls of the local only (`load("x")`, `load.resolve("x")`), not a method `other.load(…)`.
    if (name !== "require") rewritten = rewritten.replace(new RegExp(`(?<![.\\w$])${name}(?=\\(|\\.resolve\\()`, "g"), "require");
  }
  return rewritten;
}

/** `require.resolve("literal")` → the path it resolves to from `path`, resolved now. */
export function withResolvedPaths(source: string, path: string): string {
  const resolveFrom = createRequire(path);
  return source.replace(/(?<![.\w$])require\.resolve\((["'])([^"'\n]+)\1\)/g, (_, _quote: string, specifier: string) => JSON.stringify(resolveFrom.resolve(specifier)));
}

/**
 * Replaces the module-location globals with the original file's location, as literals.
 * A property (`module.__dirname`) is left alone, and so is a file that declares a
 * variable of that name (it is then its own, not the module's location).
 */
export function withFileLocation(source: string, path: string): string {
  let rewritten = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href));
  for (const [name, value] of [["__dirname", dirname(path)], ["__filename", path]] as const) {
    if (new RegExp(`\\b(var|let|const|function)\\s+${name}\\b`).test(rewritten)) continue;
    rewritten = rewritten.replace(new RegExp(`(?<![.\\w$])${name}(?![\\w$])`, "g"), JSON.stringify(value));
  }
  return rewritten;
}

const fileLocations: Plugin = {
  name: "file-locations",
  setup(builder) {
    builder.onLoad({ filter: /\.(ts|js|cjs|mjs)$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const inSlipway = !args.path.includes("/node_modules/");
      if (!inSlipway && !/\b__dirname\b|\b__filename\b|import\.meta\.url/.test(source)) return undefined;
      const contents = withFileLocation(inSlipway ? withResolvedPaths(withPlainRequire(source), args.path) : source, args.path);
      return { contents, loader: args.path.endsWith(".ts") ? "ts" : "js", resolveDir: dirname(args.path) };
    });
  },
};

export interface BundleResult {
  readonly bytes: number;
  readonly milliseconds: number;
  readonly warnings: readonly string[];
}

export interface BundleOptions {
  /**
   * Minified, names kept (cdk-nag names each rule after its function; aws-cdk-lib reads
   * `constructor.name`): the snapshot blob is half the size (92 MB instead of 179 MB) and
   * loads faster; bundling takes longer.
   * @default true
   */
  readonly minify?: boolean;
}

/** bench/snapshot/entry.ts (`slipway synth`) as one script. */
export function bundleSynthEntry(outfile: string, options: BundleOptions = {}): Promise<BundleResult> {
  return bundleForSnapshot(ENTRY, outfile, options);
}

/** Any entry and what it imports as one CommonJS script, with the rewrites above. */
export async function bundleForSnapshot(entry: string, outfile: string, options: BundleOptions = {}): Promise<BundleResult> {
  const start = performance.now();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile,
    external: ["tsx", "tsx/*"],
    plugins: [fileLocations],
    metafile: true,
    logLevel: "silent",
    ...((options.minify ?? true) ? { minify: true, keepNames: true } : {}),
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { bytes, milliseconds: performance.now() - start, warnings: result.warnings.map((warning) => `${warning.location?.file ?? ""}: ${warning.text}`) };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outfile = process.argv[2] ?? "synth.cjs";
  const result = await bundleSynthEntry(outfile, { minify: !process.argv.includes("--no-minify") });
  console.log(`${outfile}: ${(result.bytes / 1e6).toFixed(1)} MB in ${result.milliseconds.toFixed(0)} ms`);
  for (const warning of result.warnings) console.log(`  warning ${warning}`);
}
