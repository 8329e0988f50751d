/**
 * The test Helm repository (../shared/charts) for chart tests: whether it is there (tests
 * skip with a message when it is not), and an http server on 127.0.0.1 serving a folder,
 * to prove the `--charts URL` path with a real HTTP client.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join, normalize } from "node:path";
import { SHARED_CHARTS_DIR } from "./paths.js";

export const CHARTS_AVAILABLE = existsSync(join(SHARED_CHARTS_DIR, "index.yaml"));
if (!CHARTS_AVAILABLE) console.warn(`skipping chart tests: ${SHARED_CHARTS_DIR} (the test Helm repository) is absent`);

export interface FolderServer {
  readonly url: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serves `folder` over http on 127.0.0.1 (ephemeral port); `override` replaces a file's bytes. */
export async function serveFolder(folder: string, override: Record<string, Buffer> = {}): Promise<FolderServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    requests.push(path);
    const relative = normalize(path).replace(/^\/+/, "");
    const body = override[relative] ?? (existsSync(join(folder, relative)) && !relative.includes("..") ? readFileSync(join(folder, relative)) : undefined);
    if (body === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolvePromise) => server.listen(0, "127.0.0.1", resolvePromise));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolvePromise) => server.close(() => resolvePromise())),
  };
}
