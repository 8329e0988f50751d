/**
 * `up` is idempotent and resumable: applying again changes nothing that is already there,
 * and its first step restarts an API server (and etcd) that stopped. So when the API server
 * stops answering in the middle of `up` (a crash during discovery, an apply or the wait),
 * `up` itself starts over from that first step, a bounded number of times, instead of
 * ending and asking the user to run it again.
 */
import { SlipwayError } from "../errors.js";
import { ApiRequestFailed, ApiServerUnreachable } from "./api-client.js";

export interface ResumeOptions {
  /** How many times to start over after the API server stopped answering. */
  readonly resumes: number;
  /** Told before each resume, with the error that caused it and the resume's number (1-based). */
  readonly onResume?: (error: ApiServerUnreachable, resume: number) => void;
}

/** Runs `attempt`, running it again when it fails with ApiServerUnreachable; any other error ends it at once. */
export async function resumeAfterApiServerLoss<T>(attempt: () => Promise<T>, options: ResumeOptions): Promise<T> {
  for (let resume = 0; ; resume++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiServerUnreachable) || resume >= options.resumes) throw error;
      options.onResume?.(error, resume + 1);
    }
  }
}

/**
 * What `up` reports when the API server failed it: still unreachable after every resume, or
 * an answer it could not use (a 500 during discovery, a body that is not JSON). Both are
 * LOCAL_CLUSTER errors that point at the API server's log, never an internal error with a
 * stack trace; any other error is returned undefined, to be thrown as it is.
 */
export function apiServerFailure(error: unknown, apiServerLog: string, resumes: number): SlipwayError | undefined {
  if (error instanceof ApiServerUnreachable) {
    return new SlipwayError("LOCAL_CLUSTER", `${error.message} (after ${resumes} restarts)`, {
      where: apiServerLog,
      fix: "run `slipway up --local` again: it restarts what stopped and resumes the apply",
      cause: error,
    });
  }
  if (error instanceof ApiRequestFailed) {
    return new SlipwayError("LOCAL_CLUSTER", `the API server refused a request of up: ${error.message}`, {
      where: apiServerLog,
      fix: "read the log named above; run `slipway up --local` again, or `slipway down` then `slipway up --local` to start over",
      cause: error,
    });
  }
  return undefined;
}
