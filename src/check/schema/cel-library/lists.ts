/**
 * Kubernetes' list library (k8s.io/apiserver pkg/cel/library/lists.go), as receiver-style
 * functions on any list:
 *
 *     <list<T>>.isSorted() <bool>        T comparable
 *     <list<T>>.sum() <T>                T int, uint or double; [].sum() is 0
 *     <list<T>>.min() <T>, .max() <T>    error on an empty list ("min called on empty list")
 *     <list<T>>.indexOf(<T>) <int>       -1 when absent; CEL equality
 *     <list<T>>.lastIndexOf(<T>) <int>
 *
 * Upstream picks the overload from the checked element type; without a type checker the
 * elements decide: a list mixing types CEL cannot compare is an error, as upstream at run
 * time. Not here: duration and timestamp elements, and `includes` (a later library
 * version); rules using them are not evaluated.
 */
import { celMethod, celUint, CelScalar, isCelUint, listType, type CelFunc, type CelList, type CelValue } from "@bufbuild/cel";
import { celCompare, celEquals } from "./compare.js";
import { charge, lengthCost } from "./cost.js";

const LIST = listType(CelScalar.DYN);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function elements(list: CelList): CelValue[] {
  charge(lengthCost(list.size));
  const result: CelValue[] = [];
  for (let index = 0; index < list.size; index++) result.push(list.get(index) as CelValue);
  return result;
}

function isSorted(this: CelList): boolean {
  const items = elements(this);
  for (let index = 1; index < items.length; index++) if (celCompare(items[index - 1] as CelValue, items[index] as CelValue) > 0) return false;
  return true;
}

function extreme(name: "min" | "max", prefer: number) {
  return function (this: CelList): CelValue {
    const items = elements(this);
    if (items.length === 0) throw new Error(`${name} called on empty list`);
    let result = items[0] as CelValue;
    for (const item of items.slice(1)) if (celCompare(result, item) === prefer) result = item;
    return result;
  };
}

function sum(this: CelList): bigint | number | ReturnType<typeof celUint> {
  const items = elements(this);
  if (items.length === 0) return 0n;
  const first = items[0];
  if (typeof first === "bigint") {
    let total = 0n;
    for (const item of items) {
      if (typeof item !== "bigint") throw new Error("no such overload: sum of mixed element types");
      total += item;
      if (total < INT64_MIN || total > INT64_MAX) throw new Error("integer overflow");
    }
    return total;
  }
  if (typeof first === "number") {
    let total = 0;
    for (const item of items) {
      if (typeof item !== "number") throw new Error("no such overload: sum of mixed element types");
      total += item;
    }
    return total;
  }
  if (isCelUint(first)) {
    let total = 0n;
    for (const item of items) {
      if (!isCelUint(item)) throw new Error("no such overload: sum of mixed element types");
      total += item.value;
      if (total > UINT64_MAX) throw new Error("unsigned integer overflow");
    }
    return celUint(total);
  }
  throw new Error("no such overload: sum needs int, uint or double elements");
}

function indexOf(this: CelList, item: CelValue): bigint {
  const items = elements(this);
  return BigInt(items.findIndex((candidate) => celEquals(candidate, item)));
}

function lastIndexOf(this: CelList, item: CelValue): bigint {
  const items = elements(this);
  return BigInt(items.findLastIndex((candidate) => celEquals(candidate, item)));
}

export const LISTS_LIBRARY: readonly CelFunc[] = [
  celMethod("isSorted", LIST, [], CelScalar.BOOL, isSorted),
  celMethod("sum", LIST, [], CelScalar.DYN, sum as never),
  celMethod("min", LIST, [], CelScalar.DYN, extreme("min", 1) as never),
  celMethod("max", LIST, [], CelScalar.DYN, extreme("max", -1) as never),
  celMethod("indexOf", LIST, [CelScalar.DYN], CelScalar.INT, indexOf),
  celMethod("lastIndexOf", LIST, [CelScalar.DYN], CelScalar.INT, lastIndexOf),
];
