/**
 * A rule the checker runs over the whole input (kube-linter's model: each rule is a small
 * data entry with an id, severity, documentation and a pure check function). Rules see
 * every object at once because many findings are about references between objects.
 */
import type { ArgoCdMode } from "../platform-spec/argocd-spec.js";
import type { Finding, Severity, SourceObject } from "./finding.js";
import type { FieldPath } from "./load/locate-field.js";

export interface CheckContext {
  readonly objects: readonly SourceObject[];
  /** Target Kubernetes minor version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /** Custom resource kinds known from --crds and from CRDs in the input: `group/version/kind`. */
  readonly customResourceKinds: ReadonlySet<string>;
  /**
   * Which Argo CD the input is for: `eks-capability` turns on the capability's limits
   * (the `argocd-capability` rules). @default "self-managed"
   */
  readonly argocd?: ArgoCdTarget;
  /**
   * 1-based line of the field at `path` of an object (the deepest part of the path found),
   * for findings about one field. The checker reads back the text of objects parsed on
   * worker threads, so lines do not depend on where an object was parsed.
   * @default locate-field.ts `fieldLine` on the text kept in memory (none: undefined)
   */
  readonly fieldLine?: (object: SourceObject, path: FieldPath) => number | undefined;
}

/** The spec's `argocd.mode`: one list of modes for synth and check. */
export type ArgoCdTarget = ArgoCdMode;

export interface Rule {
  /** Stable id; findings carry it (`network-policy/dns-blocked`). */
  readonly id: string;
  readonly category: "schema" | "deprecation" | "pod-security" | "network-policy" | "reference" | "argocd-capability" | "best-practice";
  readonly severity: Severity;
  /** One line for the generated rule documentation. */
  readonly description: string;
  /** How to fix what it finds: used in docs and as the default `fix` of findings. */
  readonly remediation: string;
  /** Pure: no I/O. */
  check(context: CheckContext): Finding[];
  /**
   * Optional readable report shown on request (e.g. the network-policy reachability matrix
   * with `slipway check --show-reachability`). Pure, like `check`.
   */
  report?(context: CheckContext): string;
}
