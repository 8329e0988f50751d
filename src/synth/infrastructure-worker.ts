/**
 * The worker thread of infrastructure-synthesis.ts: loads aws-cdk-lib and cdk-nag,
 * synthesizes the platform stack exactly as the main thread would (the same
 * `synthesizeInfrastructure`), and posts the cloud assembly back, or the error with what
 * a SlipwayError carries so the main thread can raise the same error.
 */
import { parentPort, workerData } from "node:worker_threads";
import { synthesizeInfrastructure } from "../cdk/synthesize-infrastructure.js";
import { isSlipwayError } from "../errors.js";
import type { InfrastructureReply, InfrastructureTask } from "./infrastructure-synthesis.js";

const task = workerData as InfrastructureTask;
let reply: InfrastructureReply;
try {
  reply = { files: [...synthesizeInfrastructure(task.spec, { nagChecks: task.nagChecks })] };
} catch (error) {
  reply = isSlipwayError(error)
    ? { slipwayError: { code: error.code, message: error.message, where: error.where, fix: error.fix, problems: error.problems } }
    : { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(reply);
