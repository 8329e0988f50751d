/**
 * The resume path of `up`: the API server crashing during discovery (a real HTTPS server
 * that drops the connection the first time) makes the attempt start over instead of ending
 * `up` with a stack trace.
 */
import { createServer, type Server } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiServerUnreachable, type ApiClient } from "../../src/local/api-client.js";
import { resumeAfterApiServerLoss } from "../../src/local/resume-up.js";
import { discoverServedKinds } from "../../src/local/server-side-apply.js";
import { clientFor, testPki } from "../support/local-pki.js";

const RESOURCES: Record<string, unknown> = {
  "/apis": { groups: [{ versions: [{ groupVersion: "apps/v1" }] }] },
  "/apis/apiregistration.k8s.io/v1/apiservices": { items: [] },
  "/api/v1": { groupVersion: "v1", resources: [{ name: "nodes", kind: "Node", namespaced: false }] },
  "/apis/apps/v1": { groupVersion: "apps/v1", resources: [{ name: "deployments", kind: "Deployment", namespaced: true }, { name: "deployments/scale", kind: "Scale", namespaced: true }] },
};

let server: Server;
let client: ApiClient;
/** How many more times the server crashes when asked for apps/v1. */
let crashes = 0;

beforeAll(async () => {
  const pki = await testPki();
  server = createServer({ key: readFileSync(pki.serving.key), cert: readFileSync(pki.serving.cert) }, (request, response) => {
    const body = RESOURCES[request.url ?? ""];
    if (request.url === "/apis/apps/v1" && crashes > 0) {
      crashes--;
      return void request.socket.destroy();
    }
    if (body === undefined) return void response.writeHead(404).end("{}");
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = clientFor(pki, (server.address() as AddressInfo).port);
});

afterAll(() => {
  client.close();
  server.close();
});

describe("resumeAfterApiServerLoss", () => {
  it("GIVEN the API server crashing once during discovery WHEN up's attempt runs THEN it resumes and discovery completes", async () => {
    crashes = 1;
    const resumes: string[] = [];
    const served = await resumeAfterApiServerLoss(() => discoverServedKinds(client), { resumes: 2, onResume: (error, resume) => resumes.push(`${resume}: ${error.message}`) });
    expect([...served.keys()].sort()).toEqual(["apps/v1/Deployment", "v1/Node"]);
    expect(resumes).toHaveLength(1);
    expect(resumes[0]).toMatch(/^1: the API server stopped answering during discovery \(GET \/apis\/apps\/v1\): /);
  });

  it("GIVEN the API server crashing more often than the resumes allow WHEN up's attempt runs THEN the last ApiServerUnreachable, for up to report", async () => {
    crashes = 3;
    let resumes = 0;
    await expect(resumeAfterApiServerLoss(() => discoverServedKinds(client), { resumes: 2, onResume: () => resumes++ })).rejects.toBeInstanceOf(ApiServerUnreachable);
    expect(resumes).toBe(2);
    crashes = 0;
  });

  it("GIVEN an error that is not the API server going away WHEN the attempt fails THEN no resume, the error as it is", async () => {
    let attempts = 0;
    const bug = new TypeError("a bug");
    await expect(
      resumeAfterApiServerLoss(async () => {
        attempts++;
        throw bug;
      }, { resumes: 2 }),
    ).rejects.toBe(bug);
    expect(attempts).toBe(1);
  });
});
