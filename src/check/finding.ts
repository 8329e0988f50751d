import type { Suppression } from "./suppressions.js";

/**
 * What the checker reports. Statuses are few on purpose (kubeconform's lesson): a
 * finding is an error (the platform is wrong or will be rejected), a warning (it works
 * but is risky or deprecated) or info (worth knowing).
 */
export type Severity = "error" | "warning" | "info";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

export interface Finding {
  /** Stable rule id, e.g. `schema`, `pod-security/hostPorts`, `network-policy/dns-blocked`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** File the object came from, relative to the working directory; `<stdin>` for standard input. */
  readonly file: string;
  /** 1-based line of the object (or of the field, where known). */
  readonly line?: number;
  /** `Kind namespace/name` of the object concerned, when there is one. */
  readonly object?: string;
  readonly message: string;
  /** How to fix it: one sentence. */
  readonly fix: string;
}

/** An object read from the input, with where it came from. */
export interface SourceObject {
  /** The parsed document: any JSON value; rules check its shape before trusting it. */
  readonly document: Record<string, unknown>;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly documentIndex: number;
  /** 1-based line where the document starts. */
  readonly line: number;
  /**
   * Set when the object is not in the input itself but rendered from it at sync time:
   * `chart@version of Application name`. `file` and `line` are then the Application's.
   */
  readonly renderedFrom?: string;
  /** `# slipway:ignore <rule> -- <reason>` comments in the object's document. */
  readonly suppressions?: readonly Suppression[];
  /**
   * Set when several kustomizations of the input render this object's document: the
   * folders of those that render it exactly as this object is (kustomize-renderings.ts).
   */
  readonly kustomizations?: readonly string[];
}

/**
 * `Kind namespace/name` or `Kind name`, as findings print objects; for a document several
 * kustomizations render, the ones that render it so: `Deployment web (rendered by base, dev)`.
 */
export function describeObject(object: Pick<SourceObject, "kind" | "name" | "namespace" | "kustomizations">): string {
  const identity = object.namespace ? `${object.kind} ${object.namespace}/${object.name}` : `${object.kind} ${object.name}`;
  return object.kustomizations === undefined ? identity : `${identity} (rendered by ${object.kustomizations.join(", ")})`;
}

/** File, then line, then rule, then object and message: the order every output and rule shows. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.object ?? "", b.object ?? "") ||
    compareStrings(a.message, b.message)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
