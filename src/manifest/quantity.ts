/**
 * The Kubernetes quantity grammar (`resource.Quantity` in k8s.io/apimachinery), written once
 * for the spec's validation, the checker's schemas and the arithmetic on NodePool limits:
 *
 *     <quantity>     ::= <sign>? <number> <suffix>
 *     <number>       ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *     <suffix>       ::= <binarySI> | <decimalSI> | <decimalExponent>
 *     <binarySI>     ::= Ki | Mi | Gi | Ti | Pi | Ei
 *     <decimalSI>    ::= n | u | m | "" | k | M | G | T | P | E
 *     <decimalExponent> ::= e <signedInteger> | E <signedInteger>
 *
 * (upstream's comment omits `n` and `u`, which its parser accepts). `1E` is 10^18, `1E3` is
 * a thousand: the exponent needs digits after it.
 */

const NUMBER = "(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)";
const SUFFIX = "(?:[eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?";

/** Any quantity `resource.ParseQuantity` accepts (`500m`, `1.5Gi`, `1e3`, `-2`), as JSON Schema and RegExp source. */
export const QUANTITY_PATTERN = `^[+-]?${NUMBER}${SUFFIX}$`;

/** A quantity that is not negative: what sizes, requests, limits and quotas take. */
export const NON_NEGATIVE_QUANTITY_PATTERN = `^\\+?${NUMBER}${SUFFIX}$`;

const QUANTITY = new RegExp(`^([+-]?)(${NUMBER})(${SUFFIX})$`);

/** Binary SI suffixes and the power of 1024 each stands for. */
export const BINARY_POWERS: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
/** Decimal SI suffixes (and none) and the power of 10 each stands for. */
export const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

/**
 * How a quantity is written, as upstream's `Format` tells them apart: a binary SI suffix
 * (`Gi`), a decimal SI suffix (`k`, `m`, `G`), a decimal exponent (`1e3`), or no suffix at
 * all (which upstream counts as decimal SI). Undefined when the text is not a quantity.
 */
export function quantitySuffix(text: string): { readonly suffix: string; readonly format: "binary-si" | "decimal-si" | "decimal-exponent" | "none" } | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const suffix = match[3] ?? "";
  const format = suffix === "" ? "none" : BINARY_POWERS[suffix] !== undefined ? "binary-si" : DECIMAL_EXPONENTS[suffix] !== undefined ? "decimal-si" : "decimal-exponent";
  return { suffix, format };
}

/** Beyond 10^±MAX_EXPONENT no resource amount makes sense, and the exact arithmetic would cost time and memory. */
export const MAX_EXPONENT = 100;

/**
 * The quantity as an exact fraction `numerator / denominator` of base units (cores, bytes),
 * or undefined when the text is not a quantity or its exponent is beyond ±MAX_EXPONENT.
 */
export function quantityValue(text: string): { readonly numerator: bigint; readonly denominator: bigint } | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const [, sign = "", number = "", suffix = ""] = match;
  const [whole = "", fraction = ""] = number.split(".");
  let numerator = BigInt((whole + fraction).replace(/^0+(?=.)/, "") || "0");
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === "-") numerator = -numerator;
  const binary = BINARY_POWERS[suffix];
  const exponent = binary === undefined ? (/^[eE][+-]?[0-9]/.test(suffix) ? Number(suffix.slice(1)) : DECIMAL_EXPONENTS[suffix]) : undefined;
  if (exponent !== undefined && Math.abs(exponent) > MAX_EXPONENT) return undefined;
  if (binary !== undefined) numerator *= 1024n ** BigInt(binary);
  else if (exponent !== undefined && exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else if (exponent !== undefined) denominator *= 10n ** BigInt(-exponent);
  return { numerator, denominator };
}

/**
 * The quantity in nano units (10^-9 of a core or byte), as upstream holds it after parsing:
 * what is finer is rounded away from zero (`0.1n` is `1n`). The amount the API server
 * compares requests and limits by. Undefined as for quantityValue.
 */
export function quantityNanos(text: string): bigint | undefined {
  const value = quantityValue(text);
  if (value === undefined) return undefined;
  const negative = value.numerator < 0n;
  const magnitude = negative ? -value.numerator : value.numerator;
  const nanos = (magnitude * 10n ** 9n + value.denominator - 1n) / value.denominator;
  return negative ? -nanos : nanos;
}

const DECIMAL_SUFFIXES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(DECIMAL_EXPONENTS).map(([suffix, exponent]) => [exponent, suffix]));
const BINARY_SUFFIXES: readonly string[] = ["", ...Object.keys(BINARY_POWERS)];

/**
 * The quantity as the API server prints it (`Quantity.String()`, CanonicalizeBytes in
 * k8s.io/apimachinery), e.g. in `must be less than or equal to cpu limit of 1`: rounded up
 * (away from zero) to nano units, then
 * - binary SI (`Gi`) kept for whole amounts of at least 1024, in the largest exact unit
 *   (`1.5Gi` → `1536Mi`), else written as decimal SI (`0.5Ki` → `512`);
 * - decimal SI and no suffix in the largest exact power of 1000 (`2000m` → `2`, `0.5` → `500m`);
 * - a decimal exponent kept as one, in a multiple of 3 (`1.5e3` → `1500`, `2e6` → `2e6`).
 * Undefined when the text is not a quantity or its exponent is beyond ±MAX_EXPONENT.
 */
export function canonicalQuantity(text: string): string | undefined {
  const signed = quantityNanos(text);
  const written = quantitySuffix(text);
  if (signed === undefined || written === undefined) return undefined;
  if (signed === 0n) return "0";
  const sign = signed < 0n ? "-" : "";
  const nanos = signed < 0n ? -signed : signed;
  if (written.format === "binary-si" && nanos >= 1024n * 10n ** 9n && nanos % 10n ** 9n === 0n) {
    let amount = nanos / 10n ** 9n;
    let power = 0;
    while (amount % 1024n === 0n && power < BINARY_SUFFIXES.length - 1) {
      amount /= 1024n;
      power += 1;
    }
    return `${sign}${amount}${BINARY_SUFFIXES[power]}`;
  }
  let amount = nanos;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent += 1;
  }
  const below = ((exponent % 3) + 3) % 3;
  amount *= 10n ** BigInt(below);
  exponent -= below;
  const suffix = written.format === "decimal-exponent" ? (exponent === 0 ? "" : `e${exponent}`) : (DECIMAL_SUFFIXES[exponent] ?? `e${exponent}`);
  return `${sign}${amount}${suffix}`;
}
