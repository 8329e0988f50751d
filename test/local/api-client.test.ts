/**
 * ApiClient against a real HTTPS server with the local control plane's own certificates
 * (no API server needed): what getJson throws when the server is gone, answers an error,
 * or cuts its answer off.
 */
import { createServer, type Server } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiRequestFailed, ApiServerUnreachable, type ApiClient } from "../../src/local/api-client.js";
import type { Pki } from "../../src/local/certificates.js";
import { freePort } from "../../src/local/free-port.js";
import { clientFor, testPki } from "../support/local-pki.js";

let pki: Pki;
let server: Server;
let client: ApiClient;

beforeAll(async () => {
  pki = await testPki();
  server = createServer({ key: readFileSync(pki.serving.key), cert: readFileSync(pki.serving.cert) }, (request, response) => {
    if (request.url === "/ok") return void response.writeHead(200).end('{"kind":"Status"}');
    if (request.url === "/forbidden") return void response.writeHead(403).end('{"reason":"Forbidden"}');
    if (request.url === "/cut") return void response.writeHead(200).end('{"items": [');
    request.socket.destroy(); // the server dies mid-request
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = clientFor(pki, (server.address() as AddressInfo).port);
});

afterAll(() => {
  client.close();
  server.close();
});

describe("ApiClient.getJson", () => {
  it("GIVEN a 200 JSON answer WHEN read THEN the parsed body", async () => {
    expect(await client.getJson("/ok")).toEqual({ kind: "Status" });
  });

  it("GIVEN an answer other than 200 WHEN read THEN ApiRequestFailed with the status and body", async () => {
    const error = await client.getJson("/forbidden").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestFailed);
    expect(error).toMatchObject({ method: "GET", path: "/forbidden", status: 403, message: 'GET /forbidden: 403 {"reason":"Forbidden"}' });
  });

  it("GIVEN an answer cut off mid-JSON WHEN read THEN ApiRequestFailed, not a SyntaxError", async () => {
    await expect(client.getJson("/cut")).rejects.toMatchObject({ name: "ApiRequestFailed", status: 200, message: 'GET /cut: 200 not JSON: {"items": [' });
  });

  it("GIVEN a server that drops the connection WHEN read THEN ApiServerUnreachable", async () => {
    const error = await client.getJson("/apis").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiServerUnreachable);
    expect((error as Error).message).toMatch(/^the API server stopped answering \(GET \/apis\): /);
  });

  it("GIVEN nothing listening WHEN read THEN ApiServerUnreachable", async () => {
    const closed = clientFor(pki, await freePort());
    try {
      await expect(closed.getJson("/apis")).rejects.toMatchObject({ name: "ApiServerUnreachable", message: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      closed.close();
    }
  });
});
