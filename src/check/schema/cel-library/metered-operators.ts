/**
 * CEL's `+` on strings and lists, replacing the standard overloads so the cost budget
 * (cost.ts) sees the values a rule builds: each concatenation is charged by the length of
 * its result, as upstream charges string work, so a loop that keeps growing a value runs
 * out of budget long before it runs out of memory.
 */
import { celFunc, celListConcat, CelScalar, listType, type CelFunc } from "@bufbuild/cel";
import { charge, lengthCost } from "./cost.js";

const LIST = listType(CelScalar.DYN);

export const METERED_OPERATORS: readonly CelFunc[] = [
  celFunc("_+_", [CelScalar.STRING, CelScalar.STRING], CelScalar.STRING, (left, right) => {
    charge(lengthCost(left.length + right.length));
    return left + right;
  }),
  celFunc("_+_", [LIST, LIST], LIST, (left, right) => {
    charge(lengthCost(right.size));
    return celListConcat(left, right);
  }),
];
