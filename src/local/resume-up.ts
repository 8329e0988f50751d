/**
 * `up` is idempotent and resumable: applying again changes nothing that is already there,
 * and its first step restarts an API server (and etcd) that stopped. So when the API server
 * stops answering in the middle of `up` (a crash during discovery, an apply or the wait),
 * `up` itself starts over from that first step, a bounded number of times, instead of
 * ending and asking the user to run it again.
 */
import { ApiServerUnreachable } from "./api-client.js";

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
