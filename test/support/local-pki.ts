/** A local control plane PKI (real certificates) and an ApiClient for a test HTTPS server. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiClient } from "../../src/local/api-client.js";
import { createPki, type Pki } from "../../src/local/certificates.js";

export async function testPki(): Promise<Pki> {
  return createPki(join(mkdtempSync(join(tmpdir(), "slipway-api-client-")), "pki"), "10.96.0.1", ["metrics-server"]);
}

export function clientFor(pki: Pki, port: number): ApiClient {
  return new ApiClient({ server: `https://127.0.0.1:${port}`, caCert: pki.caCert, clientCert: pki.clients.admin.cert, clientKey: pki.clients.admin.key });
}
