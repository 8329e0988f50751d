/**
 * Configuration files of the custom metrics path on a simulation cluster: Prometheus
 * scraping the load exporter, and prometheus-adapter with the platform's own rule
 * (REQUESTS_PER_SECOND_RULE, the one the GitOps tree gives the chart) but for its rate
 * window, which the time compression divides like every other window.
 */
import { stringify } from "yaml";
import { REQUESTS_PER_SECOND_RULE } from "../gitops/addons/prometheus-adapter.js";

/** The rule's own window, as REQUESTS_PER_SECOND_RULE writes it. */
const RULE_WINDOW = /\[2m\]/;

export function prometheusConfig(exporterPort: number, scrapeInterval: string): string {
  return stringify({
    global: { scrape_interval: scrapeInterval, evaluation_interval: scrapeInterval },
    scrape_configs: [
      {
        job_name: "slipway-simulate-load",
        // The exporter speaks for every pod: its namespace and pod labels are the pods', not the target's.
        honor_labels: true,
        static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
      },
    ],
  });
}

export function adapterConfig(rateWindow: string): string {
  if (!RULE_WINDOW.test(REQUESTS_PER_SECOND_RULE.metricsQuery)) {
    throw new Error(`REQUESTS_PER_SECOND_RULE.metricsQuery no longer has a [2m] window to compress: ${REQUESTS_PER_SECOND_RULE.metricsQuery}`);
  }
  return stringify({ rules: [{ ...REQUESTS_PER_SECOND_RULE, metricsQuery: REQUESTS_PER_SECOND_RULE.metricsQuery.replace(RULE_WINDOW, `[${rateWindow}]`) }] });
}
