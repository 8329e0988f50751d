/**
 * `--load FILE`: a load curve written by hand, YAML or JSON.
 *
 * ```yaml
 * duration: 1h              # optional; default: the last point's `at`
 * applications:
 *   api-server:             # an application of the spec
 *     - at: 0s              # simulated time from the start (Go duration) ...
 *       requestsPerSecond: 1500
 *     - at: 20m             # ... strictly increasing per application
 *       requestsPerSecond: 30000
 * ```
 *
 * Values are joined by straight lines and hold after the last point; an application the
 * file leaves out gets no load. Every problem names the file and the field path.
 */
import { z } from "zod";
import { SlipwayError } from "../errors.js";
import { parseYamlData } from "../yaml-data.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { parseDurationSeconds } from "./duration.js";
import { MAX_LOAD_SECONDS, type LoadCurve, type LoadPoint } from "./load-curve.js";

const duration = z.string().refine((text) => parseDurationSeconds(text) !== undefined, "must be a duration such as 90s, 20m or 1h30m");
const point = z.strictObject({
  at: duration,
  requestsPerSecond: z.number().min(0).max(1e9),
});
const loadFile = z.strictObject({
  duration: duration.optional(),
  applications: z.record(z.string(), z.array(point).min(1)),
});

/** The curve of a load file's text; `file` names it in errors. */
export function parseLoadFile(text: string, file: string, spec: PlatformSpec): LoadCurve {
  const fix = "correct the fields listed; docs/simulate.md describes the load file";
  const data = parseYamlData(text, { where: file, what: "the load file", code: "LOAD_INVALID" });
  const result = loadFile.safeParse(data, { reportInput: true });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message}`);
    throw new SlipwayError("LOAD_INVALID", `the load file is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"})`, { where: file, problems, fix });
  }
  const problems: string[] = [];
  const known = Object.keys(spec.applications);
  const applications: Record<string, LoadPoint[]> = {};
  for (const [name, points] of Object.entries(result.data.applications)) {
    if (!known.includes(name)) {
      problems.push(`applications.${name}: not an application of the spec; its applications are ${known.join(", ") || "(none)"}`);
      continue;
    }
    const converted = points.map((entry) => ({ t: parseDurationSeconds(entry.at)!, requestsPerSecond: entry.requestsPerSecond }));
    converted.forEach((entry, index) => {
      if (entry.t > MAX_LOAD_SECONDS) problems.push(`applications.${name}[${index}].at: ${points[index]!.at} is beyond the longest curve, ${MAX_LOAD_SECONDS / 3600}h`);
      if (index > 0 && entry.t <= converted[index - 1]!.t) {
        problems.push(`applications.${name}[${index}].at: ${points[index]!.at} must be later than the point before it (${points[index - 1]!.at})`);
      }
    });
    applications[name] = converted;
  }
  const lastPoint = Math.max(0, ...Object.values(applications).flatMap((points) => points.map((entry) => entry.t)));
  const durationSeconds = result.data.duration !== undefined ? parseDurationSeconds(result.data.duration)! : lastPoint;
  if (durationSeconds <= 0) problems.push(`duration: the curve must last longer than 0s; set duration or give a point later than 0s`);
  if (durationSeconds > MAX_LOAD_SECONDS) problems.push(`duration: ${result.data.duration} is beyond the longest curve, ${MAX_LOAD_SECONDS / 3600}h`);
  if (problems.length > 0) {
    throw new SlipwayError("LOAD_INVALID", `the load file is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"})`, { where: file, problems, fix });
  }
  return { pattern: "file", source: file, durationSeconds, applications };
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`)).join("") || "(root)";
}
