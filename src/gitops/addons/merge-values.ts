/**
 * How a spec's `addons.<name>.values` combine with the platform's own values for the
 * chart: objects merge key by key (recursively), everything else (arrays, strings,
 * numbers, booleans, null) replaces what the platform set. That is Helm's own rule for
 * several values files, so an override reads the way `helm -f a.yaml -f b.yaml` does:
 * to change one toleration, give the whole `tolerations` list.
 */
export type Values = Record<string, unknown>;

function isObject(value: unknown): value is Values {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function mergeValues(base: Values, override: Values): Values {
  const result: Values = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(override)])) {
    const inBase = Object.hasOwn(base, key);
    const inOverride = Object.hasOwn(override, key);
    const value = !inOverride
      ? base[key]
      : inBase && isObject(base[key]) && isObject(override[key])
        ? mergeValues(base[key] as Values, override[key] as Values)
        : override[key];
    // defineProperty, not assignment: a key "__proto__" stays data instead of replacing the prototype.
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}
