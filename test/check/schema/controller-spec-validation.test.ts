/** Deployment, DaemonSet and StatefulSet strategies and CronJob schedules as the API server validates them, after its defaulting. */
import { describe, expect, it } from "vitest";
import { controllerSpecProblems, cronJobScheduleProblems, daemonSetStrategyProblems, deploymentStrategyProblems, jobSpecProblems, statefulSetStrategyProblems } from "../../../src/check/schema/controller-spec-validation.js";
import { objectProblems } from "../../../src/check/schema/api-validation.js";

const strategy = (value: unknown) => deploymentStrategyProblems({ strategy: value }).map((problem) => `${problem.path.join(".")}: ${problem.reason}`);

describe("deploymentStrategyProblems", () => {
  it.each([
    ["no strategy", undefined, []],
    ["Recreate alone", { type: "Recreate" }, []],
    ["RollingUpdate with defaults", { type: "RollingUpdate" }, []],
    ["a type left to its default with maxSurge 0 (maxUnavailable defaults to 25%)", { rollingUpdate: { maxSurge: 0 } }, []],
    ["maxUnavailable 0 and maxSurge 1", { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }, []],
    ["100%", { rollingUpdate: { maxUnavailable: "100%" } }, []],
    ["Recreate with rollingUpdate", { type: "Recreate", rollingUpdate: { maxSurge: 1 } }, ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    ["an unknown type", { type: "BlueGreen" }, ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"']],
    ["both 0", { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }, ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]],
    ["both 0 as percentages", { rollingUpdate: { maxUnavailable: "0%", maxSurge: "0%" } }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0']],
    ["a negative surge", { rollingUpdate: { maxSurge: -1 } }, ["spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"]],
    [
      "a percentage without %",
      { rollingUpdate: { maxSurge: "25" } },
      ["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
    ],
    ["more than 100% unavailable", { rollingUpdate: { maxUnavailable: "150%" } }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%']],
  ])("GIVEN %s WHEN validated THEN %j", (_case, value, expected) => {
    expect(strategy(value)).toEqual(expected);
  });
});

describe("daemonSetStrategyProblems", () => {
  it.each([
    ["no strategy", undefined, []],
    ["OnDelete", { type: "OnDelete" }, []],
    ["RollingUpdate with defaults (maxUnavailable 1)", { type: "RollingUpdate" }, []],
    ["maxUnavailable 0 with a surge", { rollingUpdate: { maxUnavailable: 0, maxSurge: "10%" } }, []],
    ["maxUnavailable 0 and the default surge 0", { rollingUpdate: { maxUnavailable: 0 } }, ["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0 when maxSurge is 0"]],
    ["a surge over 100%", { rollingUpdate: { maxSurge: "101%" } }, ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "101%": must not be greater than 100%']],
    ["an unknown type", { type: "Recreate" }, ['spec.updateStrategy: Unsupported value: "Recreate": supported values: "OnDelete", "RollingUpdate"']],
  ])("GIVEN %s WHEN validated THEN %j", (_case, value, expected) => {
    expect(daemonSetStrategyProblems({ updateStrategy: value }).map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(expected);
  });
});

describe("statefulSetStrategyProblems", () => {
  it.each([
    ["no strategy", undefined, []],
    ["OnDelete alone", { type: "OnDelete" }, []],
    ["RollingUpdate with a partition", { type: "RollingUpdate", rollingUpdate: { partition: 2 } }, []],
    ["OnDelete with rollingUpdate", { type: "OnDelete", rollingUpdate: { partition: 1 } }, ['spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy \'RollingUpdate\'']],
    ["an unknown type", { type: "Recreate" }, ['spec.updateStrategy: Invalid value: {"type":"Recreate"}: must be \'RollingUpdate\' or \'OnDelete\'']],
  ])("GIVEN %s WHEN validated THEN %j", (_case, value, expected) => {
    expect(statefulSetStrategyProblems({ updateStrategy: value }).map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(expected);
  });
});

describe("jobSpecProblems", () => {
  it.each([
    ["a plain Job", {}, []],
    ["an Indexed Job with per-index limits", { completionMode: "Indexed", completions: 4, backoffLimitPerIndex: 1, maxFailedIndexes: 2 }, []],
    ["backoffLimitPerIndex without Indexed", { completionMode: "NonIndexed", backoffLimitPerIndex: 1 }, ["spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"]],
    ["maxFailedIndexes without backoffLimitPerIndex", { completionMode: "Indexed", completions: 2, maxFailedIndexes: 1 }, ["spec.maxFailedIndexes: Required value: requires backoffLimitPerIndex to be set"]],
    // SetDefaults_Job sets completions and parallelism to 1 when both are absent: only a parallel Indexed Job lacks completions.
    ["an Indexed Job without completions or parallelism (both default to 1)", { completionMode: "Indexed" }, []],
    ["an Indexed Job with parallelism but no completions", { completionMode: "Indexed", parallelism: 2 }, ["spec.completions: Required value: when completion mode is Indexed"]],
  ])("GIVEN %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(jobSpecProblems(spec, ["spec"]).map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(expected);
  });

  it("GIVEN a CronJob whose Job template is Indexed without completions WHEN its spec is validated THEN completions is required (SetDefaults_Job does not default a template)", () => {
    const problems = controllerSpecProblems("batch", "CronJob", { schedule: "@daily", jobTemplate: { spec: { completionMode: "Indexed" } } });
    expect(problems.map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(["spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed"]);
  });

  it("GIVEN a CronJob whose Job template has backoffLimitPerIndex without Indexed WHEN its spec is validated THEN the path is inside jobTemplate", () => {
    const problems = controllerSpecProblems("batch", "CronJob", { schedule: "@daily", jobTemplate: { spec: { backoffLimitPerIndex: 2 } } });
    expect(problems.map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(["spec.jobTemplate.spec.backoffLimitPerIndex: Invalid value: 2: requires indexed completion mode"]);
  });
});

describe("cronJobScheduleProblems", () => {
  it.each([
    ["a valid schedule", { schedule: "@hourly", timeZone: "Europe/Paris" }, []],
    ["no schedule (the schema step's required field)", {}, []],
    ["a minute out of range", { schedule: "61 * * * *" }, ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']],
    ["a time zone in the schedule", { schedule: "TZ=UTC 0 5 * * *" }, ['spec.schedule: Invalid value: "TZ=UTC 0 5 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    // validateTimeZone, with time.LoadLocation's verdict.
    ["a time zone no database holds", { schedule: "@daily", timeZone: "Mars/Olympus" }, ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ["a time zone with a leading space", { schedule: "@daily", timeZone: " UTC" }, ['spec.timeZone: Invalid value: " UTC": unknown time zone  UTC']],
    ["an empty time zone", { schedule: "@daily", timeZone: "" }, ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ["the Local time zone", { schedule: "@daily", timeZone: "Local" }, ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ["UTC, a link and tzdata's Factory zone", { schedule: "@daily", timeZone: "Etc/UTC" }, []],
    ["tzdata's Factory zone (which ICU lacks)", { schedule: "@daily", timeZone: "Factory" }, []],
  ])("GIVEN %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(cronJobScheduleProblems(spec).map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(expected);
  });
});

describe("api-validation of controllers", () => {
  const deployment = (strategyValue: unknown) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    document: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop" },
      spec: { strategy: strategyValue, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    },
  });

  it("GIVEN a Deployment with Recreate and rollingUpdate WHEN its object is validated THEN the finding names the field", () => {
    expect(objectProblems(deployment({ type: "Recreate", rollingUpdate: {} })).map((problem) => problem.message)).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
  });

  it("GIVEN the same strategy on an Argo Rollout-like kind of another group WHEN validated THEN it is not judged", () => {
    expect(objectProblems({ ...deployment({ type: "Recreate", rollingUpdate: {} }), apiVersion: "example.com/v1" })).toEqual([]);
  });

  it("GIVEN a CronJob with a bad schedule WHEN its object is validated THEN the finding quotes robfig's error", () => {
    const cronJob = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      document: {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "tick", namespace: "shop" },
        spec: { schedule: "* * * * 8", jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "t", image: "busybox:1.36" }] } } } } },
      },
    };
    expect(objectProblems(cronJob).map((problem) => problem.message)).toEqual(['spec.schedule: Invalid value: "* * * * 8": end of range (8) above maximum (6): 8']);
  });
});
