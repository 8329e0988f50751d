/**
 * Kubeconfig files of the local cluster: one for the user (`slipway kubeconfig` prints its
 * path) and one per component, each with its own client certificate. Files are referenced
 * by path rather than embedded so a reader can inspect the certificates with openssl.
 */
import { stringify } from "yaml";
import type { KeyPairFiles } from "./certificates.js";

export interface KubeconfigOptions {
  readonly contextName: string;
  readonly server: string;
  readonly caCert: string;
  readonly client: KeyPairFiles;
}

export function renderKubeconfig(options: KubeconfigOptions): string {
  const name = options.contextName;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: options.server, "certificate-authority": options.caCert } }],
    users: [{ name, user: { "client-certificate": options.client.cert, "client-key": options.client.key } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    preferences: {},
  });
}
