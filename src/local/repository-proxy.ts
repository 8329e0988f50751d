/**
 * The repositories Argo CD reads, served on 127.0.0.1 for the local cluster, at the URLs
 * the Applications name: nothing in the synthesized tree is rewritten for them.
 *
 * Argo CD's repository Secrets (argocd-objects.ts) send the repo-server's requests for
 * each repository through this proxy (`proxy:`) and skip TLS verification (`insecure:`),
 * the way a platform team reaches its repositories through a corporate proxy. The proxy
 * accepts `CONNECT host:443`, terminates TLS itself and answers by host and path:
 *
 * - the GitOps repository: Git's smart HTTP protocol, by `git http-backend` (the CGI
 *   program Git ships) over a bare repository of the synthesized tree (git-repository.ts);
 * - Helm repositories (https): `index.yaml` and the packaged charts from the chart cache;
 * - OCI registries (Karpenter's chart): the distribution API's tags, manifests and blobs
 *   that `helm pull oci://…` reads, made from the same packaged charts.
 *
 * Anything else gets 502 with the reason: the local cluster never reaches the internet.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect as netConnect, type Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { stringify } from "yaml";

export interface ServedGitRepository {
  /** The URL Applications name, e.g. https://github.com/example-org/platform-gitops.git */
  readonly url: string;
  /** The bare repository on disk. */
  readonly directory: string;
}

export interface ServedChart {
  readonly name: string;
  readonly version: string;
  /** The packaged chart (.tgz). */
  readonly path: string;
}

export interface ServedChartRepository {
  /** The repoURL Applications name: `https://host/path` (Helm repository) or `host/path` (OCI registry). */
  readonly url: string;
  readonly charts: readonly ServedChart[];
}

export interface RepositoryProxyConfig {
  readonly git: readonly ServedGitRepository[];
  readonly charts: readonly ServedChartRepository[];
  /** PEM certificate and key the proxy presents for every host (the repositories are `insecure`). */
  readonly tls: { readonly cert: string; readonly key: string };
}

/** A request as the proxy routes it: the host it was for and the path on that host. */
interface Target {
  readonly host: string;
  readonly path: string;
  readonly query: string;
}

/** Starts the proxy on 127.0.0.1:`port`; resolves once it listens. */
export async function startRepositoryProxy(config: RepositoryProxyConfig, port: number): Promise<Server> {
  const routes = new Router(config);
  const tlsOptions = { isServer: true, cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) };
  const inner = createServer((request, response) => {
    const host = (request.socket as Socket & { proxiedHost?: string }).proxiedHost ?? request.headers.host ?? "";
    void routes.handle(request, response, targetOf(host, request.url ?? "/"));
  });
  const proxy = createServer((request, response) => {
    // Plain-HTTP proxying (`GET http://host/path`) and direct requests alike.
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
    void routes.handle(request, response, { host: url.host, path: url.pathname, query: url.search.slice(1) });
  });
  proxy.on("connect", (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const host = (request.url ?? "").replace(/:443$/, "");
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) socket.unshift(head);
    const tlsSocket = new TLSSocket(socket, tlsOptions) as TLSSocket & { proxiedHost?: string };
    tlsSocket.proxiedHost = host;
    tlsSocket.on("error", () => socket.destroy());
    inner.emit("connection", tlsSocket);
  });
  await new Promise<void>((resolvePromise, reject) => {
    proxy.once("error", reject);
    proxy.listen(port, "127.0.0.1", () => resolvePromise());
  });
  return proxy;
}

/** Whether something answers on 127.0.0.1:`port` (the proxy of a running cluster). */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = netConnect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.on("error", () => resolvePromise(false));
  });
}

function targetOf(host: string, requestUrl: string): Target {
  const url = new URL(requestUrl, `https://${host}`);
  return { host: host.toLowerCase(), path: url.pathname, query: url.search.slice(1) };
}

interface OciBlob {
  readonly mediaType: string;
  readonly content: Buffer;
}

class Router {
  private readonly git: readonly { prefix: string; directory: string }[];
  /** `host/path/index.yaml` → the index; `host/path/<chart>-<version>.tgz` → the chart. */
  private readonly helmFiles = new Map<string, { contentType: string; path?: string; content?: string }>();
  /** `host/<repository>` → tag → manifest; `host/<repository>` digests → blobs. */
  private readonly ociManifests = new Map<string, Map<string, Buffer>>();
  private readonly ociBlobs = new Map<string, OciBlob>();
  private readonly ociHosts = new Set<string>();

  constructor(config: RepositoryProxyConfig) {
    this.git = config.git.map((repository) => ({ prefix: withoutScheme(repository.url).replace(/\.git$/, ""), directory: repository.directory }));
    for (const repository of config.charts) {
      if (/^https?:\/\//.test(repository.url)) this.addHelmRepository(repository);
      else this.addOciRepository(repository);
    }
  }

  async handle(request: IncomingMessage, response: ServerResponse, target: Target): Promise<void> {
    try {
      const hostPath = `${target.host}${target.path}`;
      const git = this.git.find((repository) => hostPath === repository.prefix || hostPath.startsWith(`${repository.prefix}.git/`) || hostPath.startsWith(`${repository.prefix}/`));
      if (git !== undefined) return await gitHttpBackend(request, response, git.directory, hostPath.slice(git.prefix.length).replace(/^\.git/, ""), target.query);
      const helm = this.helmFiles.get(hostPath.replace(/\/+$/, ""));
      if (helm !== undefined) {
        response.writeHead(200, { "content-type": helm.contentType });
        return void response.end(helm.content ?? readFileSync(helm.path!));
      }
      if (this.ociHosts.has(target.host) && target.path.startsWith("/v2/")) return this.handleOci(request, response, target);
      response.writeHead(502, { "content-type": "text/plain" });
      response.end(`slipway local repository proxy: ${target.host}${target.path} is not a repository the local cluster serves (the local cluster never reaches the internet)\n`);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`slipway local repository proxy: ${(error as Error).message}\n`);
    }
  }

  private addHelmRepository(repository: ServedChartRepository): void {
    const base = withoutScheme(repository.url).replace(/\/+$/, "");
    const entries: Record<string, unknown[]> = {};
    for (const chart of [...repository.charts].sort((a, b) => (a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1))) {
      const file = `${chart.name}-${chart.version}.tgz`;
      this.helmFiles.set(`${base}/${file}`, { contentType: "application/gzip", path: chart.path });
      (entries[chart.name] ??= []).push({
        apiVersion: "v2",
        name: chart.name,
        version: chart.version,
        urls: [file],
        digest: createHash("sha256").update(readFileSync(chart.path)).digest("hex"),
        created: "1970-01-01T00:00:00Z",
      });
    }
    const index = stringify({ apiVersion: "v1", entries, generated: "1970-01-01T00:00:00Z" });
    this.helmFiles.set(`${base}/index.yaml`, { contentType: "application/x-yaml", content: index });
  }

  private addOciRepository(repository: ServedChartRepository): void {
    const [mixedCaseHost, ...rest] = repository.url.replace(/\/+$/, "").split("/");
    const host = mixedCaseHost!.toLowerCase();
    this.ociHosts.add(host);
    for (const chart of repository.charts) {
      const name = [...rest, chart.name].join("/");
      const tags = this.ociManifests.get(`${host}/${name}`) ?? new Map<string, Buffer>();
      this.ociManifests.set(`${host}/${name}`, tags);
      const config = this.blob("application/vnd.cncf.helm.config.v1+json", Buffer.from(JSON.stringify({ apiVersion: "v2", name: chart.name, version: chart.version })));
      const layer = this.blob("application/vnd.cncf.helm.chart.content.v1.tar+gzip", readFileSync(chart.path));
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
          layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
        }),
      );
      tags.set(chart.version, manifest);
      tags.set(digestOf(manifest), manifest);
    }
  }

  private blob(mediaType: string, content: Buffer): { mediaType: string; digest: string; size: number } {
    const digest = digestOf(content);
    this.ociBlobs.set(digest, { mediaType, content });
    return { mediaType, digest, size: content.length };
  }

  private handleOci(request: IncomingMessage, response: ServerResponse, target: Target): void {
    const head = request.method === "HEAD";
    const send = (status: number, headers: Record<string, string | number>, body: Buffer | string) => {
      response.writeHead(status, { "docker-distribution-api-version": "registry/2.0", "content-length": Buffer.byteLength(body), ...headers });
      response.end(head ? undefined : body);
    };
    if (target.path === "/v2/" || target.path === "/v2") return send(200, { "content-type": "application/json" }, "{}");
    const match = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+)|blobs\/([^/]+))$/.exec(target.path);
    const repository = match === null ? undefined : this.ociManifests.get(`${target.host}/${match[1]}`);
    if (match === null || repository === undefined) return send(404, { "content-type": "application/json" }, JSON.stringify({ errors: [{ code: "NAME_UNKNOWN", message: `${target.path} is not served locally` }] }));
    if (match[2] === "tags/list") {
      const tags = [...repository.keys()].filter((tag) => !tag.startsWith("sha256:")).sort();
      return send(200, { "content-type": "application/json" }, JSON.stringify({ name: match[1], tags }));
    }
    if (match[3] !== undefined) {
      const manifest = repository.get(decodeURIComponent(match[3]));
      if (manifest === undefined) return send(404, { "content-type": "application/json" }, JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN", message: match[3] }] }));
      return send(200, { "content-type": "application/vnd.oci.image.manifest.v1+json", "docker-content-digest": digestOf(manifest) }, manifest);
    }
    const blob = this.ociBlobs.get(decodeURIComponent(match[4]!));
    if (blob === undefined) return send(404, { "content-type": "application/json" }, JSON.stringify({ errors: [{ code: "BLOB_UNKNOWN", message: match[4] }] }));
    return send(200, { "content-type": blob.mediaType, "docker-content-digest": digestOf(blob.content) }, blob.content);
  }
}

function digestOf(content: Buffer): string {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}

function withoutScheme(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, "").toLowerCase();
}

/**
 * Runs `git http-backend` for one request (RFC 3875 CGI): the request's method, path,
 * query and headers in the environment, its body on stdin; the CGI headers it prints
 * (`Status:` among them) become the response's.
 */
function gitHttpBackend(request: IncomingMessage, response: ServerResponse, repository: string, pathInfo: string, query: string): Promise<void> {
  return new Promise((resolvePromise) => {
    const child = spawn("git", ["http-backend"], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: repository,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: pathInfo === "" ? "/" : pathInfo,
        QUERY_STRING: query,
        REQUEST_METHOD: request.method ?? "GET",
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        ...(request.headers["content-length"] !== undefined ? { CONTENT_LENGTH: request.headers["content-length"] } : {}),
        ...(request.headers["content-encoding"] !== undefined ? { HTTP_CONTENT_ENCODING: String(request.headers["content-encoding"]) } : {}),
        ...(request.headers["git-protocol"] !== undefined ? { GIT_PROTOCOL: String(request.headers["git-protocol"]) } : {}),
        REMOTE_ADDR: "127.0.0.1",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    // http-backend may exit before reading the whole body (a bad request): never let EPIPE kill the proxy.
    child.stdin.on("error", () => undefined);
    request.on("error", () => child.kill());
    request.pipe(child.stdin);
    let header = Buffer.alloc(0);
    let headersDone = false;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) return void response.write(chunk);
      header = Buffer.concat([header, chunk]);
      const end = header.indexOf("\r\n\r\n");
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of header.subarray(0, end).toString().split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10) || 200;
        else headers[name] = value;
      }
      response.writeHead(status, headers);
      response.write(header.subarray(end + 4));
    });
    child.on("close", (code) => {
      if (!headersDone) {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(`git http-backend exited with ${code}: ${stderr.trim()}\n`);
      } else response.end();
      resolvePromise();
    });
    child.on("error", (error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`git http-backend could not run: ${error.message}\n`);
      resolvePromise();
    });
  });
}
