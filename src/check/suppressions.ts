/**
 * Suppressions: a finding the team has looked at and accepted, with the reason written
 * down. Two ways to say so:
 *
 * - inline, a comment anywhere in the object's YAML document:
 *   `# slipway:ignore pod-security/hostPorts -- the node exporter needs the host's port`;
 * - in `--rules-config`, with object selectors (kind, namespace, name, labels: all given
 *   ones must match; a selector list matches when any selector does):
 *   `suppressions: [{rule: reference/secret-ref, reason: "...", objects: [{namespace: argocd}]}]`.
 *
 * The rule is a rule id, an id prefix (`pod-security`) or a category, as with --disable.
 * A reason is required: an inline suppression without one is a `suppression` finding (and
 * suppresses nothing); in the config file it is a usage error. Suppressed findings do not
 * count towards --fail-on; outputs show how many there were, and SARIF carries each one
 * with its `suppressions` entry, as code scanning expects.
 */
import { describeObject, type Finding, type SourceObject } from "./finding.js";

export const SUPPRESSION_RULE_ID = "suppression";

export interface Suppression {
  /** Rule id, id prefix or category. */
  readonly rule: string;
  readonly reason: string;
  /** `inSource` (a comment in the manifest) or `external` (the rules config): SARIF's kinds. */
  readonly kind: "inSource" | "external";
  /** Where it was written: `file:line`, or `rules config suppressions[0]`. */
  readonly where: string;
}

export interface ObjectSelector {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ConfiguredSuppression {
  readonly rule: string;
  readonly reason: string;
  /** Objects it applies to; absent: every finding of the rule. */
  readonly objects?: readonly ObjectSelector[];
}

export interface SuppressedFinding extends Finding {
  readonly suppression: Suppression;
}

const MARKER = "slipway:ignore";
const COMMENT = /#\s*slipway:ignore\b(.*)$/;

/** Inline suppressions in one document's text (`line`: its first line in the file), and findings for malformed ones. */
export function inlineSuppressions(text: string, file: string, line: number): { suppressions: Suppression[]; findings: Finding[] } {
  const suppressions: Suppression[] = [];
  const findings: Finding[] = [];
  if (!text.includes(MARKER)) return { suppressions, findings };
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const match = COMMENT.exec(lines[index] as string);
    if (!match) continue;
    const at = line + index;
    const body = (match[1] ?? "").trim();
    const separator = body.indexOf("--");
    const rule = (separator === -1 ? body : body.slice(0, separator)).trim();
    const reason = separator === -1 ? "" : body.slice(separator + 2).trim();
    if (rule === "" || /\s/.test(rule) || reason === "") {
      findings.push({
        ruleId: SUPPRESSION_RULE_ID,
        severity: "error",
        file,
        line: at,
        message: rule === "" ? `"${MARKER}" names no rule: nothing is suppressed` : /\s/.test(rule) ? `"${MARKER}" names more than one rule ("${rule}"): nothing is suppressed` : `"${MARKER} ${rule}" gives no reason: nothing is suppressed`,
        fix: `write # ${MARKER} <rule> -- <why this finding is acceptable>`,
      });
      continue;
    }
    suppressions.push({ rule, reason, kind: "inSource", where: `${file}:${at}` });
  }
  return { suppressions, findings };
}

/** Does a rule selector (id, id prefix, category) name this finding's rule? */
export type RuleMatcher = (selector: string, ruleId: string) => boolean;

/**
 * Splits findings into kept and suppressed. A finding about an object is matched with its
 * object (by file and `Kind namespace/name`) for inline suppressions and selectors; a
 * finding about no object only by configured suppressions without selectors.
 */
export function applySuppressions(
  findings: readonly Finding[],
  objects: readonly SourceObject[],
  configured: readonly ConfiguredSuppression[],
  matches: RuleMatcher,
): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const byObject = new Map<string, SourceObject[]>();
  for (const object of objects) {
    const key = `${object.file}\u0000${describeObject(object)}`;
    const list = byObject.get(key);
    if (list) list.push(object);
    else byObject.set(key, [object]);
  }
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    // A malformed suppression cannot suppress itself away.
    const candidates = finding.object === undefined || finding.ruleId === SUPPRESSION_RULE_ID ? [] : (byObject.get(`${finding.file}\u0000${finding.object}`) ?? []);
    const suppression = finding.ruleId === SUPPRESSION_RULE_ID ? undefined : suppressionFor(finding, candidates, configured, matches);
    if (suppression) suppressed.push({ ...finding, suppression });
    else kept.push(finding);
  }
  return { kept, suppressed };
}

function suppressionFor(finding: Finding, candidates: readonly SourceObject[], configured: readonly ConfiguredSuppression[], matches: RuleMatcher): Suppression | undefined {
  for (const object of candidates) {
    const inline = object.suppressions?.find((suppression) => matches(suppression.rule, finding.ruleId));
    if (inline) return inline;
  }
  for (const [index, entry] of configured.entries()) {
    if (!matches(entry.rule, finding.ruleId)) continue;
    const applies = entry.objects === undefined || candidates.some((object) => entry.objects?.some((selector) => selects(selector, object)));
    if (applies) return { rule: entry.rule, reason: entry.reason, kind: "external", where: `rules config suppressions[${index}]` };
  }
  return undefined;
}

function selects(selector: ObjectSelector, object: SourceObject): boolean {
  if (selector.kind !== undefined && selector.kind !== object.kind) return false;
  if (selector.namespace !== undefined && selector.namespace !== (object.namespace ?? "")) return false;
  if (selector.name !== undefined && selector.name !== object.name) return false;
  if (selector.labels !== undefined) {
    const metadata = object.document.metadata;
    const labels = metadata !== null && typeof metadata === "object" ? (metadata as Record<string, unknown>).labels : undefined;
    for (const [key, value] of Object.entries(selector.labels)) {
      if (labels === null || typeof labels !== "object" || (labels as Record<string, unknown>)[key] !== value) return false;
    }
  }
  return true;
}
