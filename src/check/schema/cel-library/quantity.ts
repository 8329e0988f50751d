/**
 * Kubernetes' quantity library (k8s.io/apiserver pkg/cel/library/quantity.go) over the
 * one quantity grammar of src/manifest/quantity.ts:
 *
 *     quantity(<string>) <Quantity>            an error when the string is not a quantity
 *     isQuantity(<string>) <bool>
 *     <Quantity>.sign() <int>                  also sign(<Quantity>), as upstream declares it
 *     <Quantity>.isInteger() <bool>            true when asInteger() would succeed
 *     <Quantity>.asInteger() <int>             error "cannot convert value to integer"
 *     <Quantity>.asApproximateFloat() <double>
 *     <Quantity>.add(<Quantity> | <int>) <Quantity>, .sub(...) , .mul(<int>)
 *     <Quantity>.isGreaterThan(<Quantity>) <bool>, .isLessThan(...), .compareTo(...) <int>
 *
 * A Quantity value is exact (a reduced fraction of base units), so `quantity('200M')
 * .compareTo(quantity('0.2G')) == 0` and `==` compares amounts. Not here: `div` and `divInt`
 * (upstream rounds with its own decimal precision rules); rules calling them are not
 * evaluated. A quantity whose exponent the shared grammar refuses to expand (beyond 10^±100)
 * is an error, never `isQuantity(...) == false`, since upstream would accept it.
 */
import { celFunc, celMethod, CelScalar, type CelFunc, type CelValue } from "@bufbuild/cel";
import { isQuantity as matchesQuantityGrammar, quantityValue } from "../../../manifest/quantity.js";
import { charge, lengthCost } from "./cost.js";
import { QUANTITY_TYPE } from "./opaque-type.js";

interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduce(numerator: bigint, denominator: bigint): Fraction {
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function wrap(value: Fraction) {
  const reduced = reduce(value.numerator, value.denominator);
  return QUANTITY_TYPE.wrap(`${reduced.numerator}/${reduced.denominator}`);
}

function unwrap(value: CelValue): Fraction {
  const [numerator = "0", denominator = "1"] = QUANTITY_TYPE.unwrap(value).split("/");
  return { numerator: BigInt(numerator), denominator: BigInt(denominator) };
}

/** Upstream's first, looser check (resource.ParseQuantity's splitRE); what passes it but not the grammar has a bad suffix. */
const UPSTREAM_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/**
 * Past this length exact arithmetic gets slow (BigInt parsing and printing are
 * superlinear): such a quantity is an evaluation error, so the rule is reported as not
 * evaluated. Real quantities are a few dozen characters.
 */
const MAX_QUANTITY_LENGTH = 10_000;

function parse(text: string): Fraction {
  charge(lengthCost(text.length));
  if (text.length > MAX_QUANTITY_LENGTH) throw new Error(`the checker does not evaluate quantities longer than ${MAX_QUANTITY_LENGTH} characters`);
  if (!UPSTREAM_FORMAT.test(text)) throw new Error(`quantities must match the regular expression '${UPSTREAM_FORMAT.source}'`);
  if (!matchesQuantityGrammar(text)) throw new Error("unable to parse quantity's suffix");
  const value = quantityValue(text);
  if (value === undefined) throw new Error(`the checker cannot evaluate quantity '${text}': its exponent is beyond 10^±100`);
  return value;
}

function compare(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

function add(a: Fraction, b: Fraction): Fraction {
  return { numerator: a.numerator * b.denominator + b.numerator * a.denominator, denominator: a.denominator * b.denominator };
}

function asInteger(value: Fraction): bigint | undefined {
  if (value.denominator !== 1n || value.numerator < INT64_MIN || value.numerator > INT64_MAX) return undefined;
  return value.numerator;
}

function approximate(value: Fraction): number {
  // Scale first so huge numerators and denominators keep their ratio instead of becoming Infinity/Infinity.
  const shift = BigInt(Math.max(0, value.denominator.toString(2).length - 1000));
  return Number(value.numerator >> shift) / Number(value.denominator >> shift);
}

function sign(value: Fraction): bigint {
  return value.numerator === 0n ? 0n : value.numerator > 0n ? 1n : -1n;
}

const Q = QUANTITY_TYPE.type;
const { BOOL, DOUBLE, INT, STRING } = CelScalar;

export const QUANTITY_LIBRARY: readonly CelFunc[] = [
  celFunc("quantity", [STRING], Q, (text) => wrap(parse(text)) as never),
  celFunc("isQuantity", [STRING], BOOL, (text) => {
    if (!UPSTREAM_FORMAT.test(text) || !matchesQuantityGrammar(text)) return false;
    parse(text);
    return true;
  }),
  celFunc("sign", [Q], INT, (value) => sign(unwrap(value))),
  celMethod("sign", Q, [], INT, function () {
    return sign(unwrap(this));
  }),
  celMethod("isInteger", Q, [], BOOL, function () {
    return asInteger(unwrap(this)) !== undefined;
  }),
  celMethod("asInteger", Q, [], INT, function () {
    const value = asInteger(unwrap(this));
    if (value === undefined) throw new Error("cannot convert value to integer");
    return value;
  }),
  celMethod("asApproximateFloat", Q, [], DOUBLE, function () {
    return approximate(unwrap(this));
  }),
  celMethod("add", Q, [Q], Q, function (other) {
    return wrap(add(unwrap(this), unwrap(other))) as never;
  }),
  celMethod("add", Q, [INT], Q, function (other) {
    return wrap(add(unwrap(this), { numerator: other, denominator: 1n })) as never;
  }),
  celMethod("sub", Q, [Q], Q, function (other) {
    const right = unwrap(other);
    return wrap(add(unwrap(this), { numerator: -right.numerator, denominator: right.denominator })) as never;
  }),
  celMethod("sub", Q, [INT], Q, function (other) {
    return wrap(add(unwrap(this), { numerator: -other, denominator: 1n })) as never;
  }),
  celMethod("mul", Q, [INT], Q, function (factor) {
    const value = unwrap(this);
    return wrap({ numerator: value.numerator * factor, denominator: value.denominator }) as never;
  }),
  celMethod("isGreaterThan", Q, [Q], BOOL, function (other) {
    return compare(unwrap(this), unwrap(other)) === 1;
  }),
  celMethod("isLessThan", Q, [Q], BOOL, function (other) {
    return compare(unwrap(this), unwrap(other)) === -1;
  }),
  celMethod("compareTo", Q, [Q], INT, function (other) {
    return BigInt(compare(unwrap(this), unwrap(other)));
  }),
];
