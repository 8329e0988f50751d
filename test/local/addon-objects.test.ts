import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChartResolver } from "../../src/charts/chart-resolver.js";
import type { RenderedAddon } from "../../src/charts/render-addons.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { addonObjects, renderAvailableAddons, whyHeld } from "../../src/local/addon-objects.js";
import { objectsOfTree } from "../../src/local/apply-plan.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { CHARTS_UNAVAILABLE, SHARED_CHARTS_DIR } from "../support/render-chart.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";

const webhook = (kind: string, policies: (string | undefined)[]): KubeObject => ({
  apiVersion: "admissionregistration.k8s.io/v1",
  kind,
  metadata: { name: "hook" },
  webhooks: policies.map((failurePolicy, index) => ({ name: `w${index}.example.com`, ...(failurePolicy === undefined ? {} : { failurePolicy }) })),
});
const apiService = (name: string, service: unknown): KubeObject => ({ apiVersion: "apiregistration.k8s.io/v1", kind: "APIService", metadata: { name }, spec: { group: "g", version: "v1beta1", ...(service === undefined ? {} : { service }) } });
const hookJob = (hook: string): KubeObject => ({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "job", annotations: { "helm.sh/hook": hook } } });

describe("whyHeld", () => {
  it.each([
    ["a Validating webhook with the default failurePolicy", webhook("ValidatingWebhookConfiguration", [undefined]), "its webhook pods run on kwok fake nodes and serve nothing: with failurePolicy Fail the API server would reject every object its Fail webhooks match"],
    ["a Mutating webhook with Ignore", webhook("MutatingWebhookConfiguration", ["Ignore", "Ignore"]), "its webhook pods run on kwok fake nodes and serve nothing: with failurePolicy Ignore the API server would wait the webhook's timeout on every object it matches"],
    ["webhooks with both policies", webhook("MutatingWebhookConfiguration", ["Ignore", "Fail"]), "its webhook pods run on kwok fake nodes and serve nothing: with failurePolicy Fail/Ignore the API server would reject every object its Fail webhooks match"],
    ["an aggregated APIService served by a pod", apiService("v1beta1.custom.metrics.k8s.io", { namespace: "monitoring", name: "prometheus-adapter" }), "an aggregated API served by a pod on a kwok fake node answers nothing: discovery would fail for every client and namespaces could no longer be deleted"],
    ["the metrics.k8s.io registration of the metrics-server chart", apiService("v1beta1.metrics.k8s.io", { namespace: "kube-system", name: "metrics-server" }), "the local control plane serves this API with its own metrics-server (src/local/metrics-api.ts)"],
    ["a Helm test hook", hookJob("test"), "Helm test hook: Argo CD does not run it on a sync"],
    ["a Helm pre-delete and post-delete hook", hookJob("pre-delete, post-delete"), "Helm pre-delete, post-delete hook: Argo CD does not run it on a sync"],
  ])("GIVEN %s WHEN judged for kwok THEN it is held: %s", (_case, object, reason) => {
    expect(whyHeld(object)).toBe(reason);
  });

  it.each([
    ["a local APIService (no service)", apiService("v1.example.com", undefined)],
    ["a pre-install hook Job (Argo CD runs it as PreSync)", hookJob("pre-install,pre-upgrade")],
    ["a hook that is both post-install and test", hookJob("post-install,test")],
    ["a kind named like a webhook in another group", { apiVersion: "example.com/v1", kind: "ValidatingWebhookConfiguration", metadata: { name: "x" } }],
    ["a Deployment", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" } }],
  ])("GIVEN %s WHEN judged for kwok THEN it is applied", (_case, object) => {
    expect(whyHeld(object as KubeObject)).toBeUndefined();
  });
});

describe("addonObjects", () => {
  it("GIVEN rendered add-ons WHEN split THEN applied objects keep their add-on and release namespace, held ones are listed by add-on and key", () => {
    const addon = (application: string, namespace: string, objects: KubeObject[]): RenderedAddon => ({
      application,
      releaseName: application,
      namespace,
      chart: { repoURL: "https://example.com", chart: application, version: "1.0.0", digest: "0" },
      objects,
    });
    const deployment: KubeObject = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } };
    const result = addonObjects([addon("zeta", "z", [webhook("ValidatingWebhookConfiguration", ["Fail"])]), addon("alpha", "a", [deployment, apiService("v1beta1.custom.metrics.k8s.io", { name: "s" })])]);
    expect(result.objects).toEqual([{ object: deployment, source: "addon alpha (alpha@1.0.0)", namespace: "a", addon: "alpha" }]);
    expect(result.held.map((entry) => `${entry.source}: ${entry.key}`)).toEqual(["addon alpha (alpha@1.0.0): APIService v1beta1.custom.metrics.k8s.io", "addon zeta (zeta@1.0.0): ValidatingWebhookConfiguration hook"]);
  });
});

describe.skipIf(CHARTS_UNAVAILABLE !== undefined)(`renderAvailableAddons with the machine's render cache ${CHARTS_UNAVAILABLE ?? ""}`, () => {
  const metricsServer = objectsOfTree(synthesizeGitOps(parseSpec({}, "test")))
    .map(({ object }) => object)
    .filter((object) => object.kind === "Application" && object.metadata.name === "metrics-server");

  it("GIVEN a render WHEN asked again with the same inputs THEN it comes from the cache, equal; and a cache that cannot be written costs a warning, not the render", async () => {
    const resolver = new ChartResolver({ charts: SHARED_CHARTS_DIR });
    const cache = join(mkdtempSync(join(tmpdir(), "slipway-render-")), "rendered-addons");
    const first = await renderAvailableAddons(metricsServer, resolver, "1.35", cache);
    const second = await renderAvailableAddons(metricsServer, resolver, "1.35", cache);
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    expect(second.addons).toEqual(first.addons);
    expect(first.addons.map((addon) => addon.application)).toEqual(["metrics-server"]);

    const blocked = join(mkdtempSync(join(tmpdir(), "slipway-render-")), "file");
    writeFileSync(blocked, "");
    const uncached = await renderAvailableAddons(metricsServer, resolver, "1.35", blocked);
    expect(uncached.addons).toEqual(first.addons);
    expect(uncached.cacheProblem).toContain("the next up renders the charts again");
  }, 60_000);
});
