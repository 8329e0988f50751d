/**
 * The parts of a packaged Helm chart Slipway reads without rendering it: metadata, default
 * values, the values JSON Schema, template sources (to find the `.Values` paths they read)
 * and plain CRD files, with every subchart under the key its values live at (the
 * dependency's alias, else its name), whether packaged as `charts/x.tgz` or as a folder.
 */
import { parse } from "yaml";
import { FALLBACK, parseFastYaml } from "../check/load/fast-yaml.js";
import { readTarGz } from "./tar-archive.js";
import { isPlainObject } from "../manifest/plain-object.js";

export interface PackagedChart {
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  /** values.yaml, parsed ({} when the chart has none). */
  readonly values: Record<string, unknown>;
  /** values.yaml as text: its `tpl` strings read values too. */
  readonly valuesSource?: string;
  /** values.schema.json, parsed, when the chart has one. */
  readonly valuesSchema?: Record<string, unknown>;
  /** Source of every file under templates/, by path inside the chart. */
  readonly templates: ReadonlyMap<string, string>;
  /** Source of every YAML file under crds/ (installed by helm as-is, never templated). */
  readonly crdFiles: ReadonlyMap<string, string>;
  /** Subcharts by the values key their values live under. */
  readonly subcharts: ReadonlyMap<string, PackagedChart>;
}

/** Reads a packaged chart (.tgz bytes). Throws Error when it is not a chart. */
export function loadPackagedChart(archive: Uint8Array): PackagedChart {
  const files = readTarGz(archive);
  const roots = new Set([...files.keys()].map((path) => path.split("/")[0]!));
  const root = [...roots].find((candidate) => files.has(`${candidate}/Chart.yaml`));
  if (root === undefined) throw new Error("no Chart.yaml at the top of the archive");
  return chartFromFiles(files, `${root}/`);
}

function chartFromFiles(files: ReadonlyMap<string, Buffer>, prefix: string): PackagedChart {
  const text = (path: string): string | undefined => files.get(prefix + path)?.toString("utf8");
  const metadata = (parse(text("Chart.yaml") ?? "") ?? {}) as {
    name?: string;
    version?: string;
    appVersion?: string;
    dependencies?: { name?: string; alias?: string }[];
  };
  const valuesText = text("values.yaml");
  const parsedValues: unknown = valuesText === undefined ? {} : parseValuesYaml(valuesText);
  const schemaText = text("values.schema.json");
  const templates = new Map<string, string>();
  const crdFiles = new Map<string, string>();
  const subchartPrefixes = new Set<string>();
  const packagedSubcharts: Buffer[] = [];
  for (const [path, content] of files) {
    if (!path.startsWith(prefix)) continue;
    const relative = path.slice(prefix.length);
    const charts = /^charts\/([^/]+)(\/.*)?$/.exec(relative);
    if (charts) {
      if (charts[2] === undefined && charts[1]!.endsWith(".tgz")) packagedSubcharts.push(content);
      else if (charts[2] === "/Chart.yaml") subchartPrefixes.add(`${prefix}charts/${charts[1]}/`);
      continue;
    }
    if (relative.startsWith("templates/")) templates.set(relative, content.toString("utf8"));
    else if (relative.startsWith("crds/") && /\.ya?ml$/.test(relative)) crdFiles.set(relative, content.toString("utf8"));
  }
  const aliases = new Map((metadata.dependencies ?? []).filter((dependency) => dependency.alias).map((dependency) => [dependency.name, dependency.alias!]));
  const subcharts = new Map<string, PackagedChart>();
  const add = (subchart: PackagedChart) => subcharts.set(aliases.get(subchart.name) ?? subchart.name, subchart);
  for (const subchartPrefix of [...subchartPrefixes].sort()) add(chartFromFiles(files, subchartPrefix));
  for (const archive of packagedSubcharts) add(loadPackagedChart(archive));
  return {
    name: metadata.name ?? prefix.replace(/\/$/, ""),
    version: String(metadata.version ?? ""),
    ...(metadata.appVersion !== undefined ? { appVersion: String(metadata.appVersion) } : {}),
    values: isPlainObject(parsedValues) ? parsedValues : {},
    ...(valuesText !== undefined ? { valuesSource: valuesText } : {}),
    ...(schemaText !== undefined ? { valuesSchema: JSON.parse(schemaText) as Record<string, unknown> } : {}),
    templates,
    crdFiles,
    subcharts: new Map([...subcharts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}


// The `yaml` package takes seconds on kube-prometheus-stack's 200 KB of values; the
// checker's fast parser reads the same subset identically and hands the rest back.
function parseValuesYaml(text: string): unknown {
  try {
    const fast = parseFastYaml(text);
    if (fast !== FALLBACK) return fast;
  } catch {
    // A duplicate key: let `yaml` decide, as for anything else outside the fast subset.
  }
  return parse(text, { uniqueKeys: false });
}
