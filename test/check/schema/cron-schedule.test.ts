/** CronJob schedules as robfig/cron/v3 ParseStandard reads them, with its error strings. */
import { describe, expect, it } from "vitest";
import { cronScheduleError } from "../../../src/check/schema/cron-schedule.js";

describe("cronScheduleError", () => {
  it.each([
    "*/5 * * * *",
    "0 5 * * MON-fri",
    "*/15 0-23/2 ? JAN-dec sun,3",
    "5/15 * * * *",
    "0 0 1,15 * *",
    "  0   0 * * 0  ",
    "@hourly",
    "@annually",
    "@every 1h30m",
    "CRON_TZ=Europe/Paris 0 5 * * *",
  ])("GIVEN %j WHEN parsed THEN accepted", (schedule) => {
    expect(cronScheduleError(schedule)).toBeUndefined();
  });

  it.each([
    ["", "empty spec string"],
    ["61 * * * *", "end of range (61) above maximum (59): 61"],
    ["* 24 * * *", "end of range (24) above maximum (23): 24"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["* * * 13 *", "end of range (13) above maximum (12): 13"],
    ["* * * * 7", "end of range (7) above maximum (6): 7"],
    ["* * * * mon-sun", "beginning of range (1) beyond end of range (0): mon-sun"],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
    ["*/2/3 * * * *", "too many slashes: */2/3"],
    ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ["* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"],
    ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
    ["@fortnightly", "unrecognized descriptor: @fortnightly"],
    ["@every soon", 'failed to parse duration @every soon: time: invalid duration "soon"'],
  ])("GIVEN %j WHEN parsed THEN %j", (schedule, error) => {
    expect(cronScheduleError(schedule)).toBe(error);
  });
});
