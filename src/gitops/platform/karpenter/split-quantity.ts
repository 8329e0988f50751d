/**
 * Splits a Kubernetes quantity (a NodePool limit) into a share, exactly: the quantity is
 * converted to an integer number of its smallest unit (milli-units, or bytes for suffixed
 * memory), scaled with integer arithmetic and rounded down, then written back in the
 * largest unit that represents it exactly. `splitQuantity("2000Gi", 4, 5)` is `"1600Gi"`,
 * `splitQuantity("7", 1, 2)` is `"3500m"`.
 */
import { BINARY_POWERS, DECIMAL_EXPONENTS, quantitySuffix, quantityValue } from "../../../manifest/quantity.js";

/** Suffixes from the largest unit down, with its size in base units: Ei..Ki, and E..k. */
const BINARY: readonly [string, bigint][] = Object.entries(BINARY_POWERS)
  .map(([suffix, power]): [string, bigint] => [suffix, 1024n ** BigInt(power)])
  .sort(([, a], [, b]) => (a > b ? -1 : 1));
const DECIMAL: readonly [string, bigint][] = Object.entries(DECIMAL_EXPONENTS)
  .filter(([, exponent]) => exponent > 0)
  .map(([suffix, exponent]): [string, bigint] => [suffix, 10n ** BigInt(exponent)])
  .sort(([, a], [, b]) => (a > b ? -1 : 1));
const MILLI_PER_UNIT = 1000n;

/** The quantity in milli-units (so `500m` and fractional values stay integers), rounded down. */
export function toMilli(quantity: string): bigint {
  const value = quantityValue(quantity);
  if (value === undefined) throw new Error(`"${quantity}" is not a Kubernetes quantity`);
  return (value.numerator * MILLI_PER_UNIT) / value.denominator;
}

/** Canonical text of a milli-unit amount, in the largest unit that is exact. */
export function fromMilli(milli: bigint, preferBinary: boolean): string {
  if (milli % MILLI_PER_UNIT !== 0n) return `${milli}m`;
  const units = milli / MILLI_PER_UNIT;
  if (units === 0n) return "0";
  for (const [suffix, multiplier] of preferBinary ? BINARY : DECIMAL) {
    if (units % multiplier === 0n) return `${units / multiplier}${suffix}`;
  }
  return `${units}`;
}

/** `numerator / denominator` of the quantity, rounded down, in the quantity's unit family. */
export function splitQuantity(quantity: string, numerator: number, denominator: number): string {
  if (denominator <= 0 || numerator < 0 || numerator > denominator) {
    throw new Error(`cannot take ${numerator}/${denominator} of ${quantity}`);
  }
  const milli = (toMilli(quantity) * BigInt(numerator)) / BigInt(denominator);
  const written = quantitySuffix(quantity);
  const binary = written?.format === "binary-si";
  // A decimal unit (k..E) stays one; milli and smaller, and exponents, are written back plainly.
  const decimal = written?.format === "decimal-si" && (DECIMAL_EXPONENTS[written.suffix] ?? 0) > 0;
  // Unsuffixed quantities (CPU counts) stay unsuffixed unless the share needs milli-units.
  return binary || decimal ? fromMilli(milli, binary) : milli % MILLI_PER_UNIT === 0n ? `${milli / MILLI_PER_UNIT}` : `${milli}m`;
}
