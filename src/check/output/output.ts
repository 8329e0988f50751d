/**
 * How a check result is rendered (kubeconform's model): every output implements only
 * `write(result)` and `flush()`, and writes through a sink, so the CLI decides where
 * text goes and tests capture it.
 */
import type { CheckResult } from "../check.js";
import { JsonOutput } from "./json-output.js";
import { SarifOutput } from "./sarif-output.js";
import { TextOutput } from "./text-output.js";

export interface Output {
  write(result: CheckResult): void;
  flush(): void;
}

export type Sink = (text: string) => void;

export const OUTPUT_FORMATS = ["text", "json", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export function createOutput(format: OutputFormat, sink: Sink): Output {
  switch (format) {
    case "text":
      return new TextOutput(sink);
    case "json":
      return new JsonOutput(sink);
    case "sarif":
      return new SarifOutput(sink);
  }
}
