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
import { isPlainObject, type PackagedChart } from "./packaged-chart.js";

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
  for (const source of chart.templates.values()) addTemplateReferences(root, source);
  for (const [key, subchart] of chart.subcharts) {
    const existing = root.children.get(key);
    const sub = chartKeys(subchart);
    root.children.set(key, existing === undefined ? sub : merge(existing, sub));
  }
  return root;
}

function collectGlobals(chart: PackagedChart): KnownKeys {
  let globals = chartKeys(chart).children.get("global") ?? node(false);
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

const VALUES_REFERENCE = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;
const TO_YAML_REFERENCE = /toYaml\s+\(?\s*\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)|\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*\|\s*toYaml/g;

function addTemplateReferences(root: KnownKeys, source: string): void {
  for (const match of source.matchAll(VALUES_REFERENCE)) {
    const segments = match[1]!.slice(1).split(".");
    let current = root;
    for (const segment of segments) {
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
  for (const match of source.matchAll(TO_YAML_REFERENCE)) {
    const segments = (match[1] ?? match[2]!).slice(1).split(".");
    let current: KnownKeys | undefined = root;
    for (const segment of segments) current = current?.children.get(segment);
    if (current !== undefined) current.freeForm = true;
  }
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
