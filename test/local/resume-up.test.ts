/**
 * The resume path of `up`: the API server crashing during discovery (a real HTTPS server
 * that drops the connection the first time) makes the attempt start over instead of ending
 * `up` with a stack trace.
 */
import { createServer, type Server } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { ApiRequestFailed, ApiServerUnreachable, type ApiClient } from "../../src/local/api-client.js";
import { apiServerFailure, resumeAfterApiServerLoss } from "../../src/local/resume-up.js";
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
/** How many more times the server answers 500 when asked for /apis. */
let failures = 0;

beforeAll(async () => {
  const pki = await testPki();
  server = createServer({ key: readFileSync(pki.serving.key), cert: readFileSync(pki.serving.cert) }, (request, response) => {
    const body = RESOURCES[request.url ?? ""];
    if (request.url === "/apis/apps/v1" && crashes > 0) {
      crashes--;
      return void request.socket.destroy();
    }
    if (request.url === "/apis" && failures > 0) {
      failures--;
      return void response.writeHead(500, { "content-type": "application/json" }).end('{"kind":"Status","message":"etcdserver: leader changed"}');
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

describe("apiServerFailure", () => {
  const LOG = "/state/logs/kube-apiserver.log";

  it("GIVEN the API server crashing more often than the resumes allow WHEN up reports it THEN LOCAL_CLUSTER naming the restarts and the API server's log, no stack trace", async () => {
    crashes = 3;
    const error = await resumeAfterApiServerLoss(() => discoverServedKinds(client), { resumes: 2 }).catch((caught: unknown) => caught);
    crashes = 0;
    const reported = apiServerFailure(error, LOG, 2);
    expect(reported).toBeInstanceOf(SlipwayError);
    expect(reported!.render()).toMatch(
      /^error LOCAL_CLUSTER: the API server stopped answering during discovery \(GET \/apis\/apps\/v1\): .* \(after 2 restarts\)\n {2}where: \/state\/logs\/kube-apiserver\.log\n {2}fix: run `slipway up --local` again: it restarts what stopped and resumes the apply$/,
    );
    expect(reported!.cause).toBe(error);
  });

  it("GIVEN the API server answering discovery with a 500 WHEN up's attempt runs THEN no resume, and up reports LOCAL_CLUSTER with the answer instead of an internal error", async () => {
    failures = 1;
    let resumes = 0;
    const error = await resumeAfterApiServerLoss(() => discoverServedKinds(client), { resumes: 2, onResume: () => resumes++ }).catch((caught: unknown) => caught);
    failures = 0;
    expect(error).toBeInstanceOf(ApiRequestFailed);
    expect(resumes).toBe(0);
    expect(apiServerFailure(error, LOG, 2)!.render()).toBe(
      [
        'error LOCAL_CLUSTER: the API server refused a request of up: GET /apis: 500 {"kind":"Status","message":"etcdserver: leader changed"}',
        `  where: ${LOG}`,
        "  fix: read the log named above; run `slipway up --local` again, or `slipway down` then `slipway up --local` to start over",
      ].join("\n"),
    );
  });

  it("GIVEN any other error WHEN up reports it THEN nothing: it is thrown as it is (a bug keeps its stack)", () => {
    expect(apiServerFailure(new TypeError("a bug"), LOG, 2)).toBeUndefined();
  });
});
