/**
 * Every function of the CEL environment (CEL's standard ones, the `strings` extension and
 * Kubernetes' libraries), wrapped so each call charges the cost budget (cost.ts): one unit,
 * plus a tenth of a unit per character, byte or item of its string, bytes and list
 * arguments, as upstream charges work on strings and lists by their length. So a loop
 * calling `matches()` or `contains()` on a large string, or concatenating one, runs out of
 * budget instead of running for minutes.
 *
 * `size()` is charged one unit whatever its argument, as upstream (it does not scan).
 * Functions that take no string, bytes, list or dynamic value (arithmetic, comparisons of
 * numbers) are not wrapped: their work is constant, and the comprehension meter already
 * counts their call nodes; wrapping them would only slow every rule down. A call is
 * charged after it ran, when an overload matched: the work of one call is linear in its
 * arguments, and the next charge ends the loop.
 */
import { isCelList, type CelFunc, type CelValue } from "@bufbuild/cel";
import { charge, METER_FUNCTION } from "./cost.js";

function sizeOf(value: CelValue | undefined): number {
  if (typeof value === "string") return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (typeof value === "object" && value !== null && isCelList(value)) return value.size;
  return 0;
}

const SIZED = new Set(["string", "bytes", "list", "dyn"]);

function metered(func: CelFunc): CelFunc {
  if (func.name === METER_FUNCTION) return func;
  if (![func.target, ...func.arguments].some((type) => type !== undefined && SIZED.has(type.name))) return func;
  const flat = func.name === "size";
  const wrapped = {
    get id() {
      return func.id;
    },
    name: func.name,
    target: func.target,
    arguments: func.arguments,
    result: func.result,
    call(id: number, target: CelValue | undefined, args: CelValue[]) {
      const result = func.call(id, target, args);
      if (result === undefined) return undefined;
      let units = 1;
      if (!flat) {
        let size = sizeOf(target);
        for (const argument of args) size += sizeOf(argument);
        units += Math.ceil(size * 0.1);
      }
      charge(units);
      return result;
    },
  };
  return wrapped as unknown as CelFunc;
}

/** The functions, each metered; the meter function itself is left as it is. */
export function meteredFunctions(funcs: Iterable<CelFunc>): CelFunc[] {
  return [...funcs].map(metered);
}
