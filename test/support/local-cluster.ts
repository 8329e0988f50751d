/** Helpers of the tests that run a local cluster: polling until something holds, and an admin client of a running cluster. */
import { join } from "node:path";
import { ApiClient } from "../../src/local/api-client.js";
import type { ClusterState } from "../../src/local/cluster-state.js";

/** Polls `probe` every second until it returns a value, or fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
  }
}

/** A client with the cluster's admin certificate. */
export function adminClient(state: ClusterState): ApiClient {
  const pki = join(state.stateDirectory, "pki");
  return new ApiClient({ server: state.server, caCert: join(pki, "ca.crt"), clientCert: join(pki, "admin.crt"), clientKey: join(pki, "admin.key") });
}
