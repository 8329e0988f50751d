// Preloaded (`node --import`) into a CLI run by tests: appends the URL of every module the
// process loads to $TRACE_MODULE_LOADS_FILE, so a test can assert what start-up loads.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.TRACE_MODULE_LOADS_FILE) appendFileSync(process.env.TRACE_MODULE_LOADS_FILE, resolved.url + "\\n");
  return resolved;
}`),
);
