/**
 * The API server's field-error texts, as k8s.io/apimachinery/pkg/util/validation/field
 * (errors.go) prints them, and the field path they follow. The validators of this folder
 * build their reasons here, so that a refused value reads the same wherever it is found.
 */

import type { FieldPath } from "../load/locate-field.js";

export type { FieldPath };

/** field.Path.String(): `spec.template.spec.containers[0].name`, indexes in brackets. */
export function showFieldPath(path: FieldPath): string {
  let shown = "";
  for (const step of path) shown += typeof step === "number" ? `[${step}]` : shown === "" ? step : `.${step}`;
  return shown;
}

/**
 * field.NotSupported's text after the field: `Unsupported value: "RWO": supported values:
 * "ReadWriteOnce", "ReadOnlyMany"`. Upstream quotes each supported value with %q and joins
 * them with ", ", and gives no detail for an empty list. The values are JSON-quoted here, which
 * is %q's text for the printable strings they are (the constant lists of the callers, and a
 * refused value that is a string or a number); the two differ only for control and other unprintable characters.
 */
export function unsupportedValue(value: unknown, supported: readonly string[]): string {
  const body = `Unsupported value: ${JSON.stringify(value)}`;
  return supported.length === 0 ? body : `${body}: supported values: ${supported.map((item) => JSON.stringify(item)).join(", ")}`;
}

/**
 * A field the API server would refuse: the field the message names, the message's text after
 * that field (`<reason>: <detail>` in upstream's words, which the caller prefixes with the
 * field), and how to fix it. The validators of this folder all return these.
 */
export interface FieldProblem {
  /** The field the message names. */
  readonly path: FieldPath;
  /** `<reason>: <detail>` in upstream's words, without the field, which the caller prefixes. */
  readonly reason: string;
  readonly fix: string;
  /** The field as the manifest wrote it, for the finding's line, when the message names another. */
  readonly at?: FieldPath;
}

/**
 * A FieldProblem whose message already names the field (`spec.replicas: Invalid value: -1:
 * ...`), as `api-validation` reports it and the modules that write whole messages return it.
 */
export interface FieldMessage {
  readonly path: FieldPath;
  /** `<field>: <reason>: <detail>`, as the API server prints it. */
  readonly message: string;
  readonly fix: string;
  /** The field as the manifest wrote it, for the finding's line, when the message names another (`clusterIPs[0]` for `clusterIP`). */
  readonly at?: FieldPath;
}

/**
 * field.Invalid's text after the field: `Invalid value: "a_b": a lowercase RFC 1123 label must
 * consist of ...`. Upstream prints the refused value with %q for a string and %d for an integer
 * (errors.go, Error()); JSON.stringify gives the same text for those, and for the printable
 * strings the callers refuse.
 */
export function invalidValue(value: unknown, detail: string): string {
  return `Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

/** field.Duplicate's text after the field: `Duplicate value: "TCP"`, the value quoted as `invalidValue` quotes it. */
export function duplicateValue(value: unknown): string {
  return `Duplicate value: ${JSON.stringify(value)}`;
}
