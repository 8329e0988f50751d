/**
 * The fast YAML parser against the `yaml` package on every upstream CRD in ../shared/crds and
 * every CRD file and values.yaml in ../shared/charts (some 12 MB). `npm test` runs it;
 * `npm run test:unit` leaves it out (see vitest.config.ts): fast-yaml.test.ts keeps the
 * random, mutated and Slipway's own documents in the inner loop.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeLineBreaks } from "../../../src/check/load/parse-source.js";
import { splitYamlStream } from "../../../src/check/load/split-yaml-stream.js";
import { loadPackagedChart, type PackagedChart } from "../../../src/charts/packaged-chart.js";
import { compare, yamlFilesBelow } from "../../support/fast-yaml-compare.js";
import { SHARED_CHARTS_DIR, SHARED_CRDS_DIR } from "../../support/paths.js";

/** Every YAML file (path → text) of an unpacked chart and its subcharts: CRDs as installed, and values. */
function chartFiles(chart: PackagedChart, prefix: string, into: Map<string, string>): void {
  for (const [path, text] of chart.crdFiles) into.set(`${prefix}/${path}`, text);
  if (chart.valuesSource !== undefined) into.set(`${prefix}/values.yaml`, chart.valuesSource);
  for (const [key, subchart] of chart.subcharts) chartFiles(subchart, `${prefix}/charts/${key}`, into);
}

describe("parseFastYaml on real files", () => {
  const shared = existsSync(SHARED_CRDS_DIR) && existsSync(SHARED_CHARTS_DIR);
  if (!shared) console.warn(`fast-yaml-corpus.test.ts: ${SHARED_CRDS_DIR} or ${SHARED_CHARTS_DIR} is absent: the upstream CRD and chart files are not compared`);

  it.skipIf(!shared)(
    "GIVEN every upstream CRD in ../shared/crds and every CRD file and values.yaml in ../shared/charts WHEN parsed by both THEN they agree, and no CRD falls back (skipped without ../shared)",
    () => {
      const files = new Map<string, string>();
      for (const path of yamlFilesBelow(SHARED_CRDS_DIR)) files.set(relative(SHARED_CRDS_DIR, path), readFileSync(path, "utf8"));
      for (const archive of readdirSync(SHARED_CHARTS_DIR).filter((name) => name.endsWith(".tgz")).sort()) {
        chartFiles(loadPackagedChart(readFileSync(join(SHARED_CHARTS_DIR, archive))), archive, files);
      }
      const fellBack: string[] = [];
      const seen = new Set<string>();
      let crds = 0;
      for (const [path, text] of files) {
        for (const document of splitYamlStream(normalizeLineBreaks(text))) {
          // Charts bundle some of the same CRDs: each distinct document is compared once.
          if (seen.has(document.text)) continue;
          seen.add(document.text);
          const isCrd = /^kind: CustomResourceDefinition$/m.test(document.text);
          if (isCrd) crds++;
          if (compare(document.text) === "fallback" && isCrd) fellBack.push(`${path}:${document.line}`);
        }
      }
      expect(crds).toBeGreaterThan(50);
      expect(fellBack).toStrictEqual([]);
    },
  );
});
