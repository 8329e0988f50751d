/**
 * Finding, reading and validating the platform spec.
 *
 * Order of discovery when no file is named: slipway.config.ts, slipway.config.mjs,
 * slipway.config.js, slipway.yaml, slipway.yml. With none of them the reference platform
 * is used. Every validation problem is reported at once, each naming its field path.
 */
import { existsSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { z } from "zod";
import { isSlipwayError, SlipwayError } from "../errors.js";
import { importConfigModule, type ConfigModule } from "./load-config-module.js";
import { formatPath, objectKind, toPlainData } from "./plain-data.js";
import { assertRegularFile, isSymbolicLink, readTextFile, type TextFileRole } from "../read-text-file.js";
import { parseYamlData } from "../yaml-data.js";
import { platformSpecSchema, type PlatformSpec } from "./schema.js";
import { CONFIG_FILE_NAMES } from "./config-file-names.js";

export { CONFIG_FILE_NAMES } from "./config-file-names.js";

export { MAX_YAML_ALIASES } from "../yaml-data.js";

export interface LoadedSpec {
  readonly spec: PlatformSpec;
  /** Absolute path of the file read, or undefined for the built-in reference platform. */
  readonly source?: string;
}

export interface LoadSpecOptions {
  /** A file to read; when absent the working directory is searched. */
  readonly configPath?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Most milliseconds a slipway.config.ts may take to load. @default CONFIG_LOAD_TIMEOUT_MS */
  readonly loadTimeoutMs?: number;
}

export async function loadSpec(options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const cwd = options.cwd ?? process.cwd();
  let source: string | undefined;
  if (options.configPath !== undefined) {
    source = resolve(cwd, options.configPath);
    if (!existsSync(source) && !isSymbolicLink(source)) {
      throw new SlipwayError("SPEC_NOT_FOUND", `spec file ${options.configPath} does not exist`, {
        where: source,
        fix: `create it, or run without --config to use ${CONFIG_FILE_NAMES.join(", ")} or the reference platform`,
      });
    }
    assertRegularFile(source, options.configPath, specFileRole(options.configPath));
  } else {
    // A name that exists in any form (a broken link, a folder) is the spec the user meant.
    source = CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path) || isSymbolicLink(path));
    if (source !== undefined) assertRegularFile(source, relative(cwd, source), specFileRole(relative(cwd, source)));
  }
  if (source === undefined) return { spec: parseSpec({}, "the reference platform") };
  const raw = await readSpecFile(source, options.loadTimeoutMs);
  return { spec: parseSpec(raw, source), source };
}

/** The spec file in errors about its path: a folder gets the name of a spec file in it. */
function specFileRole(shownAs: string): TextFileRole {
  return {
    what: "spec file",
    code: "SPEC_UNREADABLE",
    fix: (kind) =>
      kind === "a folder"
        ? `pass the spec file itself, such as --config ${join(shownAs, CONFIG_FILE_NAMES[0] ?? "slipway.config.ts")}`
        : "pass a regular file (slipway.yaml, slipway.config.ts) you may read; Slipway does not read a spec from a pipe, socket or device",
  };
}

async function readSpecFile(path: string, loadTimeoutMs: number | undefined): Promise<unknown> {
  const extension = extname(path);
  if (extension === ".yaml" || extension === ".yml" || extension === ".json") {
    return parseYamlData(readTextFile(path, specFileRole(path)), { where: path, what: "spec file", code: "SPEC_UNREADABLE" }) ?? {};
  }
  if (extension === ".ts" || extension === ".mts" || extension === ".js" || extension === ".mjs") {
    let module: ConfigModule;
    try {
      module = await importConfigModule(path, loadTimeoutMs);
    } catch (error) {
      if (isSlipwayError(error)) throw error;
      throw new SlipwayError("SPEC_UNREADABLE", `spec file could not be loaded: ${(error as Error).message}`, {
        where: path,
        cause: error,
        fix: "make the file run on its own (node --import tsx <file>) and export the spec as its default export",
      });
    }
    const named = Object.keys(module).filter((key) => key !== "default");
    if (module.default === undefined || onlyNamedExports(module.default, named)) {
      throw new SlipwayError("SPEC_UNREADABLE", `spec file has no default export${named.length > 0 ? ` (it exports ${named.join(", ")})` : ""}`, {
        where: path,
        fix: 'end it with `export default defineConfig({ ... })` (import { defineConfig } from "slipway/config")',
      });
    }
    const spec = unwrapDefault(module.default, named);
    const kind = spec !== null && typeof spec === "object" ? objectKind(spec) : undefined;
    if (kind !== undefined) {
      throw new SlipwayError("SPEC_UNREADABLE", `the default export is ${kind}, not the spec object`, {
        where: path,
        fix:
          kind === "a Promise"
            ? "await it where the file builds it (`export default await build()`), so the default export is the spec itself"
            : "export the spec as a plain object: `export default defineConfig({ ... })`",
      });
    }
    return toPlainData(spec, path);
  }
  throw new SlipwayError("SPEC_UNREADABLE", `spec files must be .ts, .mts, .js, .mjs, .yaml, .yml or .json, not "${extension}"`, { where: path, fix: `rename the file, or pass one of ${CONFIG_FILE_NAMES.join(", ")}` });
}

/**
 * A .ts file compiled as CommonJS with only named exports arrives as `{ default: exports }`:
 * the "default" is the exports object itself, every key of it a named export. Read as the
 * spec, `export const spec = {...}` gave "spec: unknown field" instead of "no default export".
 */
function onlyNamedExports(value: unknown, named: readonly string[]): boolean {
  if (value === null || typeof value !== "object" || named.length === 0 || "default" in value) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => named.includes(key));
}

/**
 * A .ts file outside an ESM package is compiled as CommonJS, so its `export default`
 * arrives one level deeper (`{ default: spec }`).
 */
function unwrapDefault(value: unknown, named: readonly string[] = []): unknown {
  // Beside `default`, the CommonJS exports object holds the file's named exports, if any.
  if (value !== null && typeof value === "object" && "default" in value && Object.keys(value).every((key) => key === "default" || named.includes(key))) {
    return (value as { default: unknown }).default;
  }
  return value;
}

/** Validates raw spec input; every problem names its field path. */
export function parseSpec(raw: unknown, where: string): PlatformSpec {
  const keyProblems = reservedKeyProblems(raw, []);
  const result = platformSpecSchema.safeParse(raw, { reportInput: true });
  if (result.success && keyProblems.length === 0) return result.data;
  const problems = [...keyProblems, ...(result.success ? [] : result.error.issues.flatMap((issue) => describeIssue(issue)))];
  throw new SlipwayError("SPEC_INVALID", `the platform spec is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was written`, {
    where,
    problems,
    fix: "correct the fields listed; docs/spec.md lists every field with its default",
  });
}

/**
 * `__proto__` as a map key (a team, an application, a label...): zod's records drop it
 * without a word, so the team or application would silently not exist. Found in the raw
 * input, at any depth, before validation.
 */
function reservedKeyProblems(value: unknown, path: readonly (string | number)[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => reservedKeyProblems(item, [...path, index]));
  if (value === null || typeof value !== "object") return [];
  return Object.keys(value).flatMap((key) =>
    key === "__proto__"
      ? [`${formatPath([...path, key])}: the name "__proto__" is not allowed (JavaScript reserves it, and the entry would be dropped without a word); rename it`]
      : reservedKeyProblems((value as Record<string, unknown>)[key], [...path, key]),
  );
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(issue.path);
    return issue.keys.map(
      (key) => `${formatPath([...issue.path, key])}: unknown field${allowed.length > 0 ? `; allowed fields: ${allowed.join(", ")}` : ""}`,
    );
  }
  if (issue.code === "invalid_value") {
    return [`${path}: must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`];
  }
  if (issue.code === "invalid_key") {
    // The path ends with the key itself; say "the name" so the user looks at the key, not a value.
    const key = issue.path[issue.path.length - 1];
    const reasons = issue.issues.map((inner) => inner.message).join("; ");
    return [`${path}: the name ${JSON.stringify(String(key))} ${reasons}`];
  }
  if (issue.code === "invalid_type") {
    if (typeof issue.input === "number" && !Number.isFinite(issue.input)) {
      return [
        `${path}: must be a finite number, got ${String(issue.input)} (a number too large to represent, such as 1e400, becomes Infinity; .inf and .nan are not numbers either); write a number in the field's range`,
      ];
    }
    return [`${path}: expected ${issue.expected}, got ${describeReceived(issue.input)}`];
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
    const comparison = issue.code === "too_small" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
    if (issue.origin === "array") return [`${path}: must have ${comparison} ${String(bound)} item(s)`];
    if (issue.origin === "string") return [`${path}: length must be ${comparison} ${String(bound)}`];
    return [`${path}: must be ${comparison} ${String(bound)}`];
  }
  return [`${path}: ${issue.message}`];
}

function describeReceived(input: unknown): string {
  if (input === undefined) return "nothing (the field is required)";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "string") return `the string ${JSON.stringify(input)}`;
  if (typeof input === "function") return "a function (export the spec object, not a function that builds it)";
  if (typeof input === "symbol") return `a symbol (${input.toString()})`;
  return `${typeof input} ${typeof input === "object" ? "" : JSON.stringify(input)}`.trim();
}

/** The field names a strict object accepts at `path`, for "unknown field" messages. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = platformSpecSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def.type === "object") schema = (def.shape as Record<string, unknown>)[String(segment)];
    else if (def.type === "record") schema = def.valueType;
    else if (def.type === "array") schema = def.element;
    else return [];
  }
  const def = (unwrap(schema) as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as object).sort() : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: Record<string, unknown> } };
  for (;;) {
    const def = current._zod?.def;
    if (!def) return current;
    if (def.type === "default" || def.type === "prefault" || def.type === "optional" || def.type === "nullable") current = def.innerType as never;
    else if (def.type === "pipe") current = def.in as never;
    else return current;
  }
}
