/**
 * The worker thread of parallel-validation.ts: validates one slice of objects with the
 * same `validateSchemas` the main thread uses, and posts the findings back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isDeprecatedOrRemoved } from "../deprecations/deprecation-rules.js";
import { rememberSource } from "../load/locate-field.js";
import type { ValidationReply, ValidationTask } from "./parallel-validation.js";
import { validateSchemas } from "./validate-schemas.js";

const task = workerData as ValidationTask;
let reply: ValidationReply;
try {
  // Field lines are found in the document's text, looked up by the (copied) document's identity.
  for (const object of task.objects) if (object.source !== undefined) rememberSource(object.document, object.source.text, object.source.line);
  reply = {
    findings: validateSchemas(task.objects, {
      kubernetesVersion: task.kubernetesVersion,
      customResources: new Map(task.customResources),
      isReportedElsewhere: (object) => isDeprecatedOrRemoved(object, task.kubernetesVersion),
    }),
  };
} catch (error) {
  reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(reply);
