/**
 * Which values keys a chart reads: the tree Slipway checks every values key path against,
 * because Helm silently ignores a key the chart does not know.
 *
 * A key is known when it is in the chart's default values.yaml, or when a template reads
 * it (`.Values.a.b`), or it belongs to a subchart (under the subchart's key, with that
 * subchart's own known keys), or it is under `global` in any chart of the tree.
 *
 * Below some keys anything goes (free-form), derived from the chart wherever possible:
 * - a default that is an empty map (`podAnnotations: {}`) or not a map at all (`null`,
 *   a string: the chart passes it through or reads it as one value);
 * - a path a template passes whole to `toYaml` (`toYaml .Values.x.resources`) or reads
 *   without the defaults listing anything below it;
 * - the documented names in FREE_FORM_KEYS, whose content is Kubernetes' (pod fields,
 *   label maps) or the program's (extra arguments), never the chart's, even when the
 *   default shows an example entry.
 * Lists are not looked into: their items' shape is the chart's template's business.
 */
import { isPlainObject } from "../manifest/plain-object.js";
import type { PackagedChart } from "./packaged-chart.js";
import { templateValuesReferences, type ValuesReferences } from "./template-values-references.js";

export interface KnownKeys {
  /** Anything below this key is accepted. */
  freeForm: boolean;
  readonly children: Map<string, KnownKeys>;
}

/** Key names whose content is free-form whatever the chart's defaults show (documented in docs/charts.md). */
export const FREE_FORM_KEYS: readonly RegExp[] = [
  /annotations$/i,
  /labels$/i,
  /nodeSelector$/i,
  /affinity$/i,
  /tolerations$/i,
  /^resources$/,
  /securityContext$/i,
  /^env$/,
  /^extraArgs$/,
];

export function isFreeFormKey(key: string): boolean {
  return FREE_FORM_KEYS.some((pattern) => pattern.test(key));
}

/** The known-key tree of a chart with its subcharts and globals. */
export function knownValueKeys(chart: PackagedChart): KnownKeys {
  const root = chartKeys(chart);
  const globals = collectGlobals(chart);
  const global = root.children.get("global");
  root.children.set("global", global === undefined ? globals : merge(global, globals));
  return root;
}

function chartKeys(chart: PackagedChart): KnownKeys {
  const root = fromDefaults(chart.values);
  root.freeForm = false;
  addTemplateReferences(root, chartReferences(chart));
  for (const [key, subchart] of chart.subcharts) {
    const existing = root.children.get(key);
    const sub = chartKeys(subchart);
    root.children.set(key, existing === undefined ? sub : merge(existing, sub));
  }
  return root;
}

function collectGlobals(chart: PackagedChart): KnownKeys {
  let globals: KnownKeys = fromDefaults(isPlainObject(chart.values.global) ? chart.values.global : {});
  globals.freeForm = false;
  for (const path of chartReferences(chart).read) if (path[0] === "global" && path.length > 1) addPath(globals, path.slice(1));
  for (const subchart of chart.subcharts.values()) globals = merge(globals, collectGlobals(subchart));
  return globals;
}

function node(freeForm: boolean): KnownKeys {
  return { freeForm, children: new Map() };
}

function fromDefaults(value: unknown): KnownKeys {
  if (!isPlainObject(value)) return node(true);
  const entries = Object.entries(value);
  if (entries.length === 0) return node(true);
  const result = node(false);
  for (const [key, child] of entries) result.children.set(key, fromDefaults(child));
  return result;
}

const referencesByChart = new WeakMap<PackagedChart, ValuesReferences>();

/** Every values path the chart's own templates and values.yaml read (scanned once per chart). */
function chartReferences(chart: PackagedChart): ValuesReferences {
  let references = referencesByChart.get(chart);
  if (references === undefined) {
    const all = [...chart.templates.values(), chart.valuesSource ?? ""].map(templateValuesReferences);
    references = { read: all.flatMap((item) => item.read), whole: all.flatMap((item) => item.whole) };
    referencesByChart.set(chart, references);
  }
  return references;
}

function addTemplateReferences(root: KnownKeys, references: ValuesReferences): void {
  for (const path of references.read) addPath(root, path);
  for (const path of references.whole) {
    let current: KnownKeys | undefined = root;
    for (const segment of path) current = current?.children.get(segment);
    if (current !== undefined) current.freeForm = true;
  }
}

function addPath(root: KnownKeys, path: readonly string[]): void {
  let current = root;
  for (const segment of path) {
    let child = current.children.get(segment);
    if (child === undefined) {
      child = node(false);
      current.children.set(segment, child);
    }
    current = child;
  }
  // Read whole, and the defaults say nothing of what is inside: accept anything below.
  if (current.children.size === 0) current.freeForm = true;
}

function merge(a: KnownKeys, b: KnownKeys): KnownKeys {
  const result = node(a.freeForm || b.freeForm);
  for (const [key, child] of a.children) result.children.set(key, child);
  for (const [key, child] of b.children) {
    const existing = result.children.get(key);
    result.children.set(key, existing === undefined ? child : merge(existing, child));
  }
  return result;
}
