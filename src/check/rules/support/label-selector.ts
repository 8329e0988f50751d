/**
 * Kubernetes label selectors (`metav1.LabelSelector`): matchLabels ANDed with
 * matchExpressions (In, NotIn, Exists, DoesNotExist). An empty selector matches
 * everything; a missing one is the caller's decision (it means "all" for NetworkPolicy
 * peers and "nothing" for a Service).
 */
import { asArray, asRecord, asString, asStringMap } from "./json.js";

export interface LabelRequirement {
  readonly key: string;
  readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  /** True when the input selector had a field this reader could not understand. */
  readonly malformed: boolean;
}

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);

/** Reads a `LabelSelector`; a malformed selector is marked so rules can stay quiet about it. */
export function parseLabelSelector(value: unknown): LabelSelector {
  const record = asRecord(value);
  if (!record) return { requirements: [], malformed: value !== undefined && value !== null };
  const requirements: LabelRequirement[] = Object.entries(asStringMap(record.matchLabels)).map(([key, label]) => ({
    key,
    operator: "In" as const,
    values: [label],
  }));
  let malformed = record.matchLabels !== undefined && asRecord(record.matchLabels) === undefined;
  for (const expression of asArray(record.matchExpressions)) {
    const key = asString(asRecord(expression)?.key);
    const operator = asString(asRecord(expression)?.operator);
    if (!key || !operator || !OPERATORS.has(operator)) {
      malformed = true;
      continue;
    }
    const values = asArray(asRecord(expression)?.values).filter((item): item is string => typeof item === "string");
    requirements.push({ key, operator: operator as LabelRequirement["operator"], values });
  }
  return { requirements, malformed };
}

/** Reads the plain `map[string]string` selector of a Service or ReplicationController. */
export function selectorFromMap(value: unknown): LabelSelector {
  return {
    requirements: Object.entries(asStringMap(value)).map(([key, label]) => ({ key, operator: "In" as const, values: [label] })),
    malformed: false,
  };
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every((requirement) => {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const label = labels[requirement.key];
    switch (requirement.operator) {
      case "In":
        return has && label !== undefined && requirement.values.includes(label);
      case "NotIn":
        return !has || label === undefined || !requirement.values.includes(label);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
    }
  });
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return selector.requirements.length === 0;
}

/** `app=api,tier in (web,db)`: the form kubectl prints, used in messages. */
export function formatSelector(selector: LabelSelector): string {
  if (selector.requirements.length === 0) return "{}";
  return selector.requirements
    .map((requirement) => {
      switch (requirement.operator) {
        case "In":
          return requirement.values.length === 1
            ? `${requirement.key}=${requirement.values[0]}`
            : `${requirement.key} in (${requirement.values.join(",")})`;
        case "NotIn":
          return `${requirement.key} notin (${requirement.values.join(",")})`;
        case "Exists":
          return requirement.key;
        case "DoesNotExist":
          return `!${requirement.key}`;
      }
    })
    .join(",");
}
