/**
 * The runtime cost budget of CEL rules, after the API server's (k8s.io/apiserver
 * pkg/apis/cel/config.go): one rule evaluation may cost at most PER_CALL_LIMIT, and all the
 * rules of one object together at most RUNTIME_BUDGET. Past either, the API server stops
 * validating the object's rules and rejects it ("validation failed due to running out of
 * cost budget, no further validation rules will be run").
 *
 * @bufbuild/cel has no cost tracker, so costs are charged where the work is:
 * - every comprehension step (`all`, `exists`, `exists_one`, `map`, `filter`): the rule's
 *   syntax tree is rewritten at compile time so each step first calls METER_FUNCTION with
 *   the number of nodes the step evaluates (cel-rules.ts);
 * - every function call, the standard ones included (metered-functions.ts): one unit plus
 *   a tenth of a unit per character or item of its string and list arguments, as
 *   upstream charges string work by length;
 * - the Kubernetes library functions here, by the size of what they walk.
 *
 * The units follow upstream's idea (one unit per evaluated node, lengths scaled by 0.1)
 * but are not its exact figures: a rule near the limit may be judged differently. The
 * point is the bound: a hostile rule (nested `all()` over big lists, strings doubled in a
 * loop) stops after about a million steps instead of running for minutes or exhausting
 * memory, and the object gets the API server's error. The count is deterministic (no
 * clock), so the same input gives the same findings on every machine.
 */

import { CelScalar, type CelFunc, type CelValue } from "@bufbuild/cel";

/** Upstream's celconfig.PerCallLimit. */
export const PER_CALL_LIMIT = 1_000_000;
/** Upstream's celconfig.RuntimeCELCostBudget, for all the rules of one object. */
export const RUNTIME_BUDGET = 10_000_000;

/** Thrown by `charge` past the limit; it unwinds the evaluation (cel-rules.ts turns it into a verdict). */
export class CostLimitExceeded extends Error {
  constructor() {
    super("operation cancelled: actual cost limit exceeded");
  }
}

interface Meter {
  spent: number;
  readonly limit: number;
}

let active: Meter | undefined;

/** Charges `units` to the evaluation under way (none outside `metered`); throws once the limit is passed. */
export function charge(units: number): void {
  if (active === undefined) return;
  active.spent += units;
  if (active.spent > active.limit) throw new CostLimitExceeded();
}

/** The cost of scanning a string or list of `length`: a tenth of a unit an element, at least 1. */
export function lengthCost(length: number): number {
  return 1 + Math.ceil(length * 0.1);
}

/**
 * Runs `evaluate` with a meter of `limit` units. `exceeded` is set when the limit was passed,
 * even if the library turned the exception into an error value or a short-circuit swallowed it.
 */
export function metered<T>(limit: number, evaluate: () => T): { readonly value: T | undefined; readonly cost: number; readonly exceeded: boolean } {
  const outer = active;
  const meter: Meter = { spent: 0, limit };
  active = meter;
  try {
    const value = evaluate();
    return { value: meter.spent > limit ? undefined : value, cost: meter.spent, exceeded: meter.spent > limit };
  } catch (error) {
    if (error instanceof CostLimitExceeded) return { value: undefined, cost: meter.spent, exceeded: true };
    throw error;
  } finally {
    active = outer;
  }
}

/** The function the compiler wraps around each comprehension step; rules cannot name it (`@` is not an identifier character). */
export const METER_FUNCTION = "@slipway_meter";

/**
 * `@slipway_meter(units, step)`: charges `units` and returns `step`. A bare CelFunc, not one
 * made by `celFunc`, because those turn exceptions into error values that a comprehension
 * would carry on with; this one's exception ends the evaluation at once.
 */
export const meterFunction = {
  id: `${METER_FUNCTION}(int,dyn)`,
  name: METER_FUNCTION,
  target: undefined,
  arguments: [CelScalar.INT, CelScalar.DYN],
  result: CelScalar.DYN,
  call(_id: number, target: CelValue | undefined, args: CelValue[]): CelValue | undefined {
    if (target !== undefined || args.length !== 2 || typeof args[0] !== "bigint") return undefined;
    charge(Number(args[0]));
    return args[1];
  },
} as unknown as CelFunc;
