/**
 * Per-input memoisation: many rules derive the same views (workloads, indexes, the
 * network model) from one context's object list. Keyed weakly by that list, so nothing
 * outlives the check and a new input is never served stale views.
 */
export function memoizeByObjects<Input extends object, Output>(derive: (input: Input) => Output): (input: Input) => Output {
  const cache = new WeakMap<Input, Output>();
  return (input) => {
    const cached = cache.get(input);
    if (cached !== undefined) return cached;
    const output = derive(input);
    cache.set(input, output);
    return output;
  };
}
