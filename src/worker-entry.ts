/**
 * The URL a worker thread starts from: the compiled `.js` beside the calling module, or,
 * when that module runs as TypeScript (tsx, vitest), a small ESM entry that registers
 * tsx before importing the `.ts` worker (loader flags are not inherited by worker threads).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** `callerUrl` is the caller's `import.meta.url`; `worker` the worker's file name without extension. */
export function workerEntry(callerUrl: string, worker: string): URL {
  if (!callerUrl.endsWith(".ts")) return new URL(`./${worker}.js`, callerUrl);
  // require.resolve answers with the package's CommonJS build; the ESM one sits beside it.
  const tsx = pathToFileURL(createRequire(callerUrl).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const source = new URL(`./${worker}.ts`, callerUrl).href;
  const code = `const { register } = await import(${JSON.stringify(tsx)});\nregister();\nawait import(${JSON.stringify(source)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
