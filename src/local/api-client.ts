/**
 * A small HTTPS client for the local API server, authenticated with the admin client
 * certificate: readiness probes, discovery and the list calls of the summary. Applying
 * objects goes through the real kubectl (server-side apply) instead.
 */
import { readFileSync } from "node:fs";
import { request, type Agent } from "node:https";
import { Agent as HttpsAgent } from "node:https";

/**
 * The API server did not answer at all (connection refused or reset, timeout): it is
 * down or restarting. `up` restarts it and resumes (src/local/resume-up.ts).
 */
export class ApiServerUnreachable extends Error {
  override readonly name = "ApiServerUnreachable";
}

/** The API server answered, but not with 200: its status and the start of its answer. */
export class ApiRequestFailed extends Error {
  override readonly name = "ApiRequestFailed";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path}: ${status} ${body.slice(0, 300)}`);
  }
}

export interface ApiClientOptions {
  readonly server: string;
  readonly caCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

export class ApiClient {
  private readonly agent: Agent;
  private readonly server: URL;

  constructor(options: ApiClientOptions) {
    this.server = new URL(options.server);
    this.agent = new HttpsAgent({
      ca: readFileSync(options.caCert),
      cert: readFileSync(options.clientCert),
      key: readFileSync(options.clientKey),
      keepAlive: true,
    });
  }

  /** GET `path`; network errors (server not up yet) resolve as status 0 rather than throwing. */
  get(path: string, timeoutMs = 5000, accept = "application/json"): Promise<ApiResponse> {
    return this.send("GET", path, undefined, undefined, timeoutMs, accept);
  }

  /** Server-side apply of one object (`application/apply-patch+yaml`, JSON being YAML). */
  apply(path: string, object: unknown, fieldManager: string, timeoutMs = 30000): Promise<ApiResponse> {
    const query = `?fieldManager=${encodeURIComponent(fieldManager)}&force=true`;
    return this.send("PATCH", path + query, JSON.stringify(object), "application/apply-patch+yaml", timeoutMs);
  }

  delete(path: string, timeoutMs = 30000): Promise<ApiResponse> {
    return this.send("DELETE", path, undefined, undefined, timeoutMs);
  }

  /** Any request; network errors resolve as status 0 with the error message as body. */
  send(method: string, path: string, body: string | undefined, contentType: string | undefined, timeoutMs: number, accept = "application/json"): Promise<ApiResponse> {
    return new Promise((resolvePromise) => {
      const headers: Record<string, string> = { accept };
      if (contentType !== undefined) headers["content-type"] = contentType;
      const call = request(
        { host: this.server.hostname, port: this.server.port, path, method, agent: this.agent, timeout: timeoutMs, headers },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => resolvePromise({ status: response.statusCode ?? 0, body }));
          response.on("error", (error) => resolvePromise({ status: 0, body: error.message }));
        },
      );
      call.on("timeout", () => call.destroy(new Error(`timed out after ${timeoutMs}ms`)));
      call.on("error", (error) => resolvePromise({ status: 0, body: error.message }));
      call.end(body);
    });
  }

  /**
   * GET and parse JSON. No answer is ApiServerUnreachable; an answer other than 200, or one
   * cut off mid-body (not JSON), is ApiRequestFailed.
   */
  async getJson<T>(path: string): Promise<T> {
    const response = await this.get(path);
    if (response.status === 0) throw new ApiServerUnreachable(`the API server stopped answering (GET ${path}): ${response.body}`);
    if (response.status !== 200) throw new ApiRequestFailed("GET", path, response.status, response.body);
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new ApiRequestFailed("GET", path, response.status, `not JSON: ${response.body}`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
