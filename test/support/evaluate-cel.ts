/** Evaluates one CEL expression the way the checker compiles CRD rules, for the CEL library tables. */
import { isCelError, isCelList, isCelMap, isCelUint, type CelInput } from "@bufbuild/cel";
import { isReflectMessage } from "@bufbuild/protobuf/reflect";
import { compileRule } from "../../src/check/schema/cel-rules.js";

/** The result as plain data (`error: <message>` for an evaluation error, `not-evaluable: ...` when it does not compile). */
export function evaluateCel(expression: string, self: CelInput = null): unknown {
  const [compiled] = compileRule({ rule: expression });
  const status = compiled?.status;
  if (status?.kind !== "program") return `not-evaluable: ${JSON.stringify(status)}`;
  return plain(status.program(self));
}

function plain(value: unknown): unknown {
  if (isCelError(value)) return `error: ${value.message}`;
  if (isCelList(value)) return Array.from({ length: value.size }, (_, index) => plain(value.get(index)));
  if (isCelMap(value)) return Object.fromEntries([...value].map(([key, item]) => [String(key), plain(item)]));
  if (isCelUint(value)) return `${value.value}u`;
  if (isReflectMessage(value)) return `${value.desc.typeName}(${String(value.get(value.desc.fields[0] as never))})`;
  return value;
}
