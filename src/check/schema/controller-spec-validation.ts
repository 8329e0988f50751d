/**
 * The API server's validation of controller specs beyond their pod template
 * (k8s.io/kubernetes pkg/apis/apps/validation ValidateDeploymentStrategy and
 * ValidateRollingUpdateDeployment; pkg/apis/batch/validation validateScheduleFormat), with
 * upstream's messages. Judged after upstream's defaulting, as the API server judges: a
 * Deployment's strategy type defaults to RollingUpdate and maxSurge and maxUnavailable to 25%.
 *
 * - Deployment `spec.strategy`: a known type; no `rollingUpdate` with `Recreate`;
 *   maxSurge and maxUnavailable non-negative integers or percentages, maxUnavailable at
 *   most 100%, and not both 0 (the rollout could never move);
 * - DaemonSet `spec.updateStrategy` (ValidateDaemonSetUpdateStrategy, defaults maxUnavailable 1
 *   and maxSurge 0): a known type; maxUnavailable and maxSurge as above, each at most 100%,
 *   and not both 0;
 * - StatefulSet `spec.updateStrategy` (ValidateStatefulSetSpec): a known type, and no
 *   `rollingUpdate` with `OnDelete`;
 * - Job specs (of Jobs and CronJob templates, validateJobSpec): `backoffLimitPerIndex` and
 *   `maxFailedIndexes` only with `completionMode: Indexed`, `maxFailedIndexes` only with
 *   `backoffLimitPerIndex`, and an Indexed Job with `completions` (a Job with neither
 *   completions nor parallelism gets both at 1 from SetDefaults_Job; a CronJob's template does not);
 * - CronJob `spec.schedule`: a cron schedule robfig/cron parses (cron-schedule.ts),
 *   no `TZ=`/`CRON_TZ=` in it (the `timeZone` field says it); `spec.timeZone` a zone of the
 *   time zone database, not empty and not Local (validateTimeZone).
 */
import { asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { cronScheduleError } from "./cron-schedule.js";

const STRATEGY_TYPES = ["Recreate", "RollingUpdate"];
const PERCENT = /^[0-9]+%$/;

export function deploymentStrategyProblems(spec: JsonRecord | undefined): FieldProblem[] {
  const strategy = asRecord(spec?.strategy);
  if (strategy === undefined) return [];
  const problems: FieldProblem[] = [];
  const type = strategy.type ?? "RollingUpdate";
  if (typeof type !== "string") return [];
  const rollingUpdate = strategy.rollingUpdate;
  if (type === "Recreate") {
    if (isSet(rollingUpdate)) {
      problems.push({
        path: ["spec", "strategy", "rollingUpdate"],
        reason: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
        fix: "remove spec.strategy.rollingUpdate, or set spec.strategy.type to RollingUpdate",
      });
    }
    return problems;
  }
  if (type !== "RollingUpdate") {
    problems.push({
      path: ["spec", "strategy", "type"],
      reason: unsupportedValue(type, STRATEGY_TYPES),
      fix: "set spec.strategy.type to RollingUpdate or Recreate",
    });
    return problems;
  }
  const update = asRecord(rollingUpdate) ?? {};
  const path = ["spec", "strategy", "rollingUpdate"];
  // Upstream defaults both to 25% before validating.
  const maxUnavailable = update.maxUnavailable ?? "25%";
  const maxSurge = update.maxSurge ?? "25%";
  const unavailable = intOrPercentProblems(maxUnavailable, [...path, "maxUnavailable"], problems);
  const surge = intOrPercentProblems(maxSurge, [...path, "maxSurge"], problems);
  if (unavailable === 0 && surge === 0) {
    problems.push({
      path: [...path, "maxUnavailable"],
      reason: invalidValue(maxUnavailable, `may not be 0 when \`maxSurge\` is 0`),
      fix: "let the rollout move: set maxSurge or maxUnavailable above 0",
    });
  }
  notMoreThan100Percent(maxUnavailable, [...path, "maxUnavailable"], problems);
  return problems;
}

/** ValidatePositiveIntOrPercent; returns the amount (a number, or a percentage's number), undefined when wrong or of another type. */
export function intOrPercentProblems(value: unknown, path: Path, problems: FieldProblem[]): number | undefined {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return undefined;
    if (value < 0) problems.push({ path, reason: `Invalid value: ${value}: must be greater than or equal to 0`, fix: `set ${path.join(".")} to 0 or more` });
    return value;
  }
  if (typeof value !== "string") return undefined;
  if (!PERCENT.test(value)) {
    problems.push({
      path,
      reason: invalidValue(value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"),
      fix: `write ${path.join(".")} as a whole number of pods (1) or a percentage (25%)`,
    });
    return undefined;
  }
  return Number(value.slice(0, -1));
}

const DAEMON_SET_STRATEGY_TYPES = ["OnDelete", "RollingUpdate"];

export function daemonSetStrategyProblems(spec: JsonRecord | undefined): FieldProblem[] {
  const strategy = asRecord(spec?.updateStrategy);
  if (strategy === undefined) return [];
  const type = strategy.type ?? "RollingUpdate";
  if (typeof type !== "string" || type === "OnDelete") return [];
  const path = ["spec", "updateStrategy"];
  if (type !== "RollingUpdate") {
    return [
      {
        path,
        reason: unsupportedValue(type, DAEMON_SET_STRATEGY_TYPES),
        fix: "set spec.updateStrategy.type to RollingUpdate or OnDelete",
      },
    ];
  }
  const problems: FieldProblem[] = [];
  const update = asRecord(strategy.rollingUpdate) ?? {};
  const updatePath = [...path, "rollingUpdate"];
  // Upstream defaults a DaemonSet's maxUnavailable to 1 and maxSurge to 0 before validating.
  const maxUnavailable = update.maxUnavailable ?? 1;
  const maxSurge = update.maxSurge ?? 0;
  const unavailable = intOrPercentProblems(maxUnavailable, [...updatePath, "maxUnavailable"], problems);
  if (unavailable === 0 && intOrPercentAmount(maxSurge) === 0) {
    problems.push({
      path: [...updatePath, "maxUnavailable"],
      reason: invalidValue(maxUnavailable, "cannot be 0 when maxSurge is 0"),
      fix: "let the rollout move: set maxSurge or maxUnavailable above 0",
    });
  }
  notMoreThan100Percent(maxUnavailable, [...updatePath, "maxUnavailable"], problems);
  intOrPercentProblems(maxSurge, [...updatePath, "maxSurge"], problems);
  notMoreThan100Percent(maxSurge, [...updatePath, "maxSurge"], problems);
  return problems;
}

const STATEFUL_SET_STRATEGY_TYPES = ["RollingUpdate", "OnDelete"];

export function statefulSetStrategyProblems(spec: JsonRecord | undefined): FieldProblem[] {
  const strategy = asRecord(spec?.updateStrategy);
  if (strategy === undefined) return [];
  const type = strategy.type ?? "RollingUpdate";
  if (typeof type !== "string") return [];
  const path = ["spec", "updateStrategy"];
  if (!STATEFUL_SET_STRATEGY_TYPES.includes(type)) {
    return [{ path, reason: invalidValue(strategy, "must be 'RollingUpdate' or 'OnDelete'"), fix: "set spec.updateStrategy.type to RollingUpdate or OnDelete" }];
  }
  const rollingUpdate = strategy.rollingUpdate;
  if (type === "OnDelete" && isSet(rollingUpdate)) {
    return [
      {
        path: [...path, "rollingUpdate"],
        reason: invalidValue(rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"),
        fix: "remove spec.updateStrategy.rollingUpdate, or set spec.updateStrategy.type to RollingUpdate",
      },
    ];
  }
  return [];
}

function intOrPercentAmount(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  return typeof value === "string" && PERCENT.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(value: unknown, path: Path, problems: FieldProblem[]): void {
  if (typeof value === "string" && PERCENT.test(value) && Number(value.slice(0, -1)) > 100) {
    problems.push({ path, reason: invalidValue(value, "must not be greater than 100%"), fix: `set ${path.join(".")} to at most 100%` });
  }
}

/** `specPath`: where the Job spec is (`spec`, or `spec.jobTemplate.spec` of a CronJob). */
/**
 * `defaulted`: the spec is a Job's own, which SetDefaults_Job gives completions and parallelism
 * of 1 when both are absent; a CronJob's jobTemplate gets no such defaults.
 */
export function jobSpecProblems(spec: JsonRecord | undefined, specPath: Path, defaulted = true): FieldProblem[] {
  if (spec === undefined) return [];
  const problems: FieldProblem[] = [];
  const indexed = spec.completionMode === "Indexed";
  if (isSet(spec.backoffLimitPerIndex) && !indexed) {
    problems.push({
      path: [...specPath, "backoffLimitPerIndex"],
      reason: invalidValue(spec.backoffLimitPerIndex, "requires indexed completion mode"),
      fix: "set completionMode: Indexed (with completions), or use backoffLimit instead",
    });
  }
  if (isSet(spec.maxFailedIndexes)) {
    if (!isSet(spec.backoffLimitPerIndex)) {
      problems.push({ path: [...specPath, "maxFailedIndexes"], reason: "Required value: requires backoffLimitPerIndex to be set", fix: "set backoffLimitPerIndex too, or remove maxFailedIndexes" });
    } else if (!indexed) {
      problems.push({ path: [...specPath, "maxFailedIndexes"], reason: invalidValue(spec.maxFailedIndexes, "requires indexed completion mode"), fix: "set completionMode: Indexed, or remove maxFailedIndexes" });
    }
  }
  const completionsDefaulted = defaulted && !isSet(spec.completions) && !isSet(spec.parallelism);
  if (indexed && !isSet(spec.completions) && !completionsDefaulted) {
    problems.push({ path: [...specPath, "completions"], reason: "Required value: when completion mode is Indexed", fix: "set completions to the number of indexes" });
  }
  return problems;
}

export function cronJobScheduleProblems(spec: JsonRecord | undefined): FieldProblem[] {
  if (spec === undefined) return [];
  const schedule = spec.schedule;
  const path = ["spec", "schedule"];
  const problems: FieldProblem[] = [];
  // A missing schedule is the schema step's finding (a required field).
  if (typeof schedule === "string") scheduleProblems(schedule, path, problems);
  if (typeof spec.timeZone === "string") timeZoneProblems(spec.timeZone, problems);
  return problems;
}

/** validateTimeZone's character check: each part of the name. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
/** tzdata zones ICU (and so Intl) does not know, which Go's time.LoadLocation loads. */
const TZDATA_ONLY_ZONES = new Set(["Factory", "posixrules"]);

/**
 * validateTimeZone: not empty, each part in its grammar, not Local, and a zone of the time
 * zone database (time.LoadLocation; here Intl's, from ICU's copy of the same IANA data, which
 * is case-insensitive where Go is not, so a miscased name passes here).
 */
function timeZoneProblems(timeZone: string, problems: FieldProblem[]): void {
  const path = ["spec", "timeZone"];
  const invalid = (detail: string): void => void problems.push({ path, reason: invalidValue(timeZone, detail), fix: "name an IANA time zone, such as Europe/Paris or Etc/UTC, or remove timeZone (the controller's own zone)" });
  if (timeZone === "") return invalid("timeZone must be nil or non-empty string");
  const unknown = `unknown time zone ${timeZone}`;
  if (timeZone.split("/").some((part) => part === "." || part === ".." || part.startsWith("-") || !TIME_ZONE_PART.test(part))) return invalid(unknown);
  if (timeZone.toLowerCase() === "local") return invalid("timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
  if (timeZone === "UTC" || TZDATA_ONLY_ZONES.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    invalid(unknown);
  }
}

function scheduleProblems(schedule: string, path: readonly string[], problems: FieldProblem[]): void {
  const error = cronScheduleError(schedule);
  if (error !== undefined) {
    problems.push({
      path,
      reason: invalidValue(schedule, error),
      fix: "write five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6) or a descriptor such as @hourly",
    });
  }
  // New CronJobs may not carry a time zone in the schedule (upstream allows it only on objects that already had one).
  if (schedule.includes("TZ")) {
    problems.push({ path, reason: invalidValue(schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"), fix: "remove TZ=/CRON_TZ= from spec.schedule and set spec.timeZone" });
  }
}

/** The problems of a controller's spec, by its group and kind (none for other kinds). */
export function controllerSpecProblems(group: string, kind: string, spec: JsonRecord | undefined): FieldProblem[] {
  if (group === "apps" && kind === "Deployment") return deploymentStrategyProblems(spec);
  if (group === "apps" && kind === "DaemonSet") return daemonSetStrategyProblems(spec);
  if (group === "apps" && kind === "StatefulSet") return statefulSetStrategyProblems(spec);
  if (group === "batch" && kind === "Job") return jobSpecProblems(spec, ["spec"]);
  if (group === "batch" && kind === "CronJob") return [...cronJobScheduleProblems(spec), ...jobSpecProblems(asRecord(asRecord(spec?.jobTemplate)?.spec), ["spec", "jobTemplate", "spec"], false)];
  return [];
}
