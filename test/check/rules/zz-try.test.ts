import { test } from "vitest";
import { loadContext, runLintRules } from "/work/main/test/check/rules/support/run-lint-rules.js";
import { reachabilityMatrix } from "/work/main/src/check/rules/index.js";
test("x", async () => {
  const c = await loadContext(process.env.DIR!);
  console.log("OBJECTS", c.objects.length);
  console.log(reachabilityMatrix(c));
  const f = await runLintRules(process.env.DIR!); console.log("COUNT", f.length); for (const x of f) console.log(x.ruleId, "|", x.object, "|", x.message); });
