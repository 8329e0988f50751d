/**
 * How a spec's `addons.<name>.values` combine with the platform's own values for the
 * chart: objects merge key by key (recursively), everything else (arrays, strings,
 * numbers, booleans, null) replaces what the platform set. That is Helm's own rule for
 * several values files, so an override reads the way `helm -f a.yaml -f b.yaml` does:
 * to change one toleration, give the whole `tolerations` list.
 */
import { isPlainObject } from "../../manifest/plain-object.js";

export type Values = Record<string, unknown>;

export function mergeValues(base: Values, override: Values): Values {
  const result: Values = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(override)])) {
    const inBase = Object.hasOwn(base, key);
    const inOverride = Object.hasOwn(override, key);
    const value = !inOverride
      ? base[key]
      : inBase && isPlainObject(base[key]) && isPlainObject(override[key])
        ? mergeValues(base[key] as Values, override[key] as Values)
        : override[key];
    // defineProperty, not assignment: a key "__proto__" stays data instead of replacing the prototype.
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/**
 * Where `override` sets null over a value `base` has: the key paths, depth first. Helm
 * drops a null key, so such an override deletes what the platform configured there,
 * which other parts rely on (`kube-prometheus-stack.values.prometheus: null` removed the
 * Prometheus the canary analysis and the adapter query, and the chart no longer renders).
 */
export function nullsOverPlatformValues(base: Values, override: Values, path: readonly string[] = []): string[][] {
  const found: string[][] = [];
  for (const key of Object.keys(override)) {
    if (!Object.hasOwn(base, key)) continue;
    const [before, after] = [base[key], override[key]];
    if (after === null && before !== null && before !== undefined) found.push([...path, key]);
    else if (isPlainObject(before) && isPlainObject(after)) found.push(...nullsOverPlatformValues(before, after, [...path, key]));
  }
  return found;
}
