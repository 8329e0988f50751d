/**
 * CEL equality and ordering of runtime values, as cel-go's `Equal` and `Compare` traits
 * define them, for the library functions that need them (lists' `indexOf`, `min`,
 * `isSorted`...): numbers compare across int, uint and double; strings by code point (Go
 * compares UTF-8 bytes, which orders as code points do, not as UTF-16 units); bools false
 * before true; bytes bytewise. Other types are not ordered: comparing them is an error.
 */
import { equals } from "@bufbuild/protobuf";
import { isReflectMessage } from "@bufbuild/protobuf/reflect";
import { isCelList, isCelMap, isCelUint, type CelValue } from "@bufbuild/cel";

export function celEquals(left: CelValue, right: CelValue): boolean {
  const a = numeric(left);
  const b = numeric(right);
  if (a !== undefined || b !== undefined) return a !== undefined && b !== undefined && compareNumbers(a, b) === 0;
  if (typeof left !== "object" || left === null || typeof right !== "object" || right === null) return left === right;
  if (left instanceof Uint8Array && right instanceof Uint8Array) return compareBytes(left, right) === 0;
  if (isCelList(left) && isCelList(right)) {
    if (left.size !== right.size) return false;
    for (let index = 0; index < left.size; index++) if (!celEquals(left.get(index) as CelValue, right.get(index) as CelValue)) return false;
    return true;
  }
  if (isCelMap(left) && isCelMap(right)) {
    if (left.size !== right.size) return false;
    for (const [key, value] of left) {
      if (!right.has(key)) return false;
      if (!celEquals(value as CelValue, right.get(key) as CelValue)) return false;
    }
    return true;
  }
  if (isReflectMessage(left) && isReflectMessage(right)) return left.desc.typeName === right.desc.typeName && equals(left.desc, left.message, right.message);
  return false;
}

/** -1, 0 or 1; throws for values CEL does not order (or of two different kinds). */
export function celCompare(left: CelValue, right: CelValue): number {
  const a = numeric(left);
  const b = numeric(right);
  if (a !== undefined && b !== undefined) return compareNumbers(a, b);
  if (typeof left === "string" && typeof right === "string") return compareCodePoints(left, right);
  if (typeof left === "boolean" && typeof right === "boolean") return left === right ? 0 : left ? 1 : -1;
  if (left instanceof Uint8Array && right instanceof Uint8Array) return compareBytes(left, right);
  throw new Error(`no such overload: values of these types cannot be compared`);
}

type Numeric = bigint | number;

function numeric(value: CelValue): Numeric | undefined {
  if (typeof value === "bigint" || typeof value === "number") return value;
  if (isCelUint(value)) return value.value;
  return undefined;
}

function compareNumbers(a: Numeric, b: Numeric): number {
  if (typeof a === "number" && Number.isNaN(a)) return Number.NaN;
  if (typeof b === "number" && Number.isNaN(b)) return Number.NaN;
  // Mixed int and double compare exactly, as cel-go does, not after rounding the int.
  if (typeof a === "bigint" && typeof b === "number") return -compareNumbers(b, a);
  if (typeof a === "number" && typeof b === "bigint") {
    if (!Number.isFinite(a)) return a > 0 ? 1 : -1;
    const whole = BigInt(Math.trunc(a));
    if (whole !== b) return whole < b ? -1 : 1;
    const rest = a - Math.trunc(a);
    return rest === 0 ? 0 : rest > 0 ? 1 : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done === true || y.done === true) return x.done === y.done ? 0 : x.done === true ? -1 : 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return (a[index] as number) < (b[index] as number) ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
