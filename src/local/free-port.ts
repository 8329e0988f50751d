/**
 * Free loopback ports, asked of the operating system: several local clusters (or several
 * engineers on one machine) must never fight over a fixed port.
 */
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

/** `count` distinct free ports (each asked while the previous ones are still unknown to others). */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
