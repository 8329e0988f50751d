/**
 * The repository proxy as a process of its own (`node repository-proxy-main.js CONFIG PORT`):
 * `up` starts it with the cluster's other components and it keeps serving until `down`.
 */
import { readFileSync } from "node:fs";
import { startRepositoryProxy, type RepositoryProxyConfig } from "./repository-proxy.js";

const [configFile, port] = process.argv.slice(2);
if (configFile === undefined || port === undefined) {
  process.stderr.write("usage: repository-proxy-main.js CONFIG.json PORT\n");
  process.exit(64);
}
const config = JSON.parse(readFileSync(configFile, "utf8")) as RepositoryProxyConfig;
await startRepositoryProxy(config, Number.parseInt(port, 10));
process.stdout.write(`serving ${config.git.length} Git and ${config.charts.length} chart repositories on 127.0.0.1:${port}\n`);
