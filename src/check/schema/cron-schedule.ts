/**
 * A CronJob schedule as the API server parses it: github.com/robfig/cron/v3 `ParseStandard`
 * (five fields, or a descriptor such as `@hourly` or `@every 1h30m`), with its exact error
 * strings, which upstream puts in `spec.schedule: Invalid value: "...": <error>`.
 *
 * Fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week
 * 0-6 or sun-sat (names in any case); each a comma-separated list of `*` or `?`, a number
 * or name, or a range `a-b`, each optionally `/step`. A number with a step runs to the
 * field's maximum (`5/15` is `5-59/15`), as in robfig's getRange.
 */

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS: Readonly<Record<string, number>> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAYS: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: WEEKDAYS },
];

const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

/** Go's time.ParseDuration grammar: a sequence of decimal numbers with units, optionally signed. */
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

/** robfig's error for `schedule`, or undefined when it parses. The time zone prefix is left to the caller. */
export function cronScheduleError(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec.length === 0) return "empty spec string";
  // CRON_TZ=Europe/Paris or TZ=...: the location is loaded from the tz database; only its presence is judged here.
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    spec = space === -1 ? "" : spec.slice(space).trim();
  }
  if (spec.startsWith("@")) {
    if (spec.startsWith("@every ")) {
      const duration = spec.slice("@every ".length);
      return GO_DURATION.test(duration) ? undefined : `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(duration)}`;
    }
    return DESCRIPTORS.has(spec) ? undefined : `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/).filter((field) => field !== "");
  if (fields.length !== FIELDS.length) return `expected exactly ${FIELDS.length} fields, found ${fields.length}: [${fields.join(" ")}]`;
  for (let index = 0; index < fields.length; index += 1) {
    for (const range of (fields[index] as string).split(",")) {
      const error = rangeError(range, FIELDS[index] as Bounds);
      if (error !== undefined) return error;
    }
  }
  return undefined;
}

function rangeError(expression: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expression.split("/");
  const lowAndHigh = (rangeAndStep[0] as string).split("-");
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = bounds.min;
    end = bounds.max;
  } else {
    const low = intOrName(lowAndHigh[0] as string, bounds.names);
    if (typeof low === "string") return low;
    start = low;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = intOrName(lowAndHigh[1] as string, bounds.names);
      if (typeof high === "string") return high;
      end = high;
    } else return `too many hyphens: ${expression}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = positiveInt(rangeAndStep[1] as string);
    if (typeof parsed === "string") return parsed;
    step = parsed;
    // A single number with a step means "N-max/step".
    if (singleDigit) end = bounds.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expression}`;
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expression}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expression}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expression}`;
  if (step === 0) return `step of range should be a positive number: ${expression}`;
  return undefined;
}

function intOrName(text: string, names: Readonly<Record<string, number>> | undefined): number | string {
  const named = names?.[text.toLowerCase()];
  return named ?? positiveInt(text);
}

/** robfig's mustParseInt: Go's strconv.Atoi, then no negative numbers. */
function positiveInt(text: string): number | string {
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) return `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  const value = Number(text);
  if (value < 0) return `negative number (${value}) not allowed: ${text}`;
  return value;
}
