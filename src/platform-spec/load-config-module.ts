/**
 * Importing a slipway.config.ts/.mts/.js/.mjs: the spec's own code runs in Slipway's
 * process, so what it does to the process is guarded here.
 *
 * - A top-level `await` that never settles (`export default await fetchSpec()` against a
 *   server that never answers) hung the CLI forever when a timer kept the process alive,
 *   and, with nothing else alive, Node exited with code 0 and no output: a CI step passed
 *   having written nothing. The import now has a deadline, and an `exit` listener turns
 *   an exit during the import into an error with exit code 1.
 * - `process.exit(0)` in the file ended the CLI the same silent way; the listener reports
 *   it too.
 * - `export default Promise.reject(...)`: the rejection reached Node as unhandled and
 *   printed the user's stack trace after Slipway's own message (the caller reports "is a
 *   Promise"). Node may report the rejection unhandled before the import returns, so a
 *   listener holds the rejections that happen while the file loads, and the default
 *   export's gets a handler once it is known. Other rejections of the file's code are
 *   left to Node: they may come at any later time, and hiding them would hide the cause.
 */
import { pathToFileURL } from "node:url";
import { SlipwayError } from "../errors.js";

/** How long a spec file's code may take to load; a real spec loads in well under a second. */
export const CONFIG_LOAD_TIMEOUT_MS = 60_000;

export interface ConfigModule {
  readonly default?: unknown;
  readonly [name: string]: unknown;
}

export async function importConfigModule(path: string, timeoutMs: number = CONFIG_LOAD_TIMEOUT_MS): Promise<ConfigModule> {
  const extension = path.slice(path.lastIndexOf("."));
  const load = async (): Promise<ConfigModule> => {
    if (extension === ".ts" || extension === ".mts") {
      const { tsImport } = await import("tsx/esm/api");
      return (await tsImport(pathToFileURL(path).href, import.meta.url)) as ConfigModule;
    }
    return (await import(pathToFileURL(path).href)) as ConfigModule;
  };
  const exitedWhileLoading = (code: number): void => {
    const error = new SlipwayError("SPEC_UNREADABLE", `spec file ended the process while it was loading (exit code ${code}), so nothing was written`, {
      where: path,
      fix: "remove process.exit from the spec file, and make every top-level await in it settle (an await nothing resolves lets Node exit)",
    });
    process.stderr.write(`${error.render()}\n`);
    process.exitCode = 1;
  };
  const rejections: Promise<unknown>[] = [];
  const recordRejection = (_: unknown, promise: Promise<unknown>): void => void rejections.push(promise);
  process.once("exit", exitedWhileLoading);
  process.on("unhandledRejection", recordRejection);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new SlipwayError("SPEC_UNREADABLE", `spec file did not finish loading within ${Math.round(timeoutMs / 1000)} s`, {
          where: path,
          fix: "make every top-level await in the spec file settle (a request that never answers, a promise nothing resolves)",
        }),
      );
    }, timeoutMs);
    // Unreferenced: a load with nothing left to wait on must end in the exit listener's
    // error at once, not after the deadline.
    timer.unref();
  });
  try {
    const module = await Promise.race([load(), deadline]);
    if (module.default instanceof Promise) module.default.catch(() => undefined);
    const unexpected = rejections.find((promise) => promise !== module.default);
    // Not the default export's: give it back to Node's own reporting, as if unwatched.
    if (unexpected !== undefined) {
      unexpected.catch((reason: unknown) => {
        process.nextTick(() => {
          throw reason;
        });
      });
    }
    return module;
  } finally {
    clearTimeout(timer);
    process.removeListener("exit", exitedWhileLoading);
    process.removeListener("unhandledRejection", recordRejection);
  }
}
