/**
 * What `up --local` applies of the platform's add-ons: the objects each chart Application
 * installs, rendered as Argo CD renders them (src/charts/render-addons.ts), minus what
 * cannot work on kwok fake nodes, each held back with the reason:
 *
 * - Validating/MutatingWebhookConfigurations: kwok pods run no containers, so nothing
 *   answers the webhook. With `failurePolicy: Fail` the API server rejects every object
 *   the webhook matches (cert-manager's and External Secrets' own resources, every
 *   Service for the AWS Load Balancer Controller's), with `Ignore` each such request
 *   waits the webhook's timeout first.
 * - APIServices served by a Service (aggregated APIs, prometheus-adapter's
 *   custom.metrics.k8s.io): served by a fake pod, the API stays unavailable and
 *   discovery fails for every client; the namespace controller and the garbage
 *   collector stop deleting anything. metrics.k8s.io is served locally by the real
 *   metrics-server (metrics-api.ts), which the chart's registration would replace.
 * - Helm hooks Argo CD does not run on a sync: `test` hooks (Argo CD ignores Helm tests)
 *   and `pre-delete`/`post-delete`/`pre-rollback`/`post-rollback` hooks. Install and
 *   upgrade hooks are applied like any object, as Argo CD runs them as sync hooks; their
 *   Jobs are not waited for (workload-status.ts waits on Deployments, StatefulSets,
 *   DaemonSets and Rollouts only).
 *
 * Charts that cannot be resolved (no `--charts`, nothing cached, offline) are listed
 * with the reason: `up` never fails because a machine is offline. The last render is
 * reused while nothing it depends on changed (rendered-addons-cache.ts).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { chartApplications, type ChartApplication } from "../charts/chart-applications.js";
import type { ChartResolver } from "../charts/chart-resolver.js";
import { renderChartApplications, type RenderedAddon } from "../charts/render-addons.js";
import { SlipwayError } from "../errors.js";
import type { KubeObject } from "../manifest/kube-object.js";
import { helmPath } from "../tools/kubectl.js";
import { displayKey, type SkippedObject } from "./apply-plan.js";
import { readRenderedAddons, renderKey, writeRenderedAddons } from "./rendered-addons-cache.js";

export interface AddonObject {
  readonly object: KubeObject;
  /** `addon <application> (<chart>@<version>)`, as the summary names it. */
  readonly source: string;
  /** The release namespace: where a namespaced object without a namespace goes (helm template leaves it out). */
  readonly namespace: string;
  /** The Application that installs it. */
  readonly addon: string;
}

export interface AddonObjects {
  readonly objects: readonly AddonObject[];
  /** Rendered objects not applied, with the reason. */
  readonly held: readonly SkippedObject[];
}

/** Aggregated APIs the local control plane serves itself (metrics-api.ts). */
const LOCALLY_SERVED_API_SERVICES = new Set(["v1beta1.metrics.k8s.io"]);
const WEBHOOK_KINDS = new Set(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);
/** Helm hooks Argo CD never runs on a sync (Argo CD maps install and upgrade hooks to PreSync/PostSync). */
const HOOKS_NOT_RUN_ON_SYNC = new Set(["test", "test-success", "test-failure", "pre-delete", "post-delete", "pre-rollback", "post-rollback"]);

/** The objects of the rendered add-ons `up` applies, and those it holds back with the reason. */
export function addonObjects(addons: Iterable<RenderedAddon>): AddonObjects {
  const objects: AddonObject[] = [];
  const held: SkippedObject[] = [];
  for (const addon of addons) {
    const source = `addon ${addon.application} (${addon.chart.chart}@${addon.chart.version})`;
    for (const object of addon.objects) {
      const reason = whyHeld(object);
      if (reason === undefined) objects.push({ object, source, namespace: addon.namespace, addon: addon.application });
      else held.push({ key: displayKey(object), source, reason });
    }
  }
  return { objects, held: held.sort((a, b) => compareText(`${a.source} ${a.key}`, `${b.source} ${b.key}`)) };
}

/** Why an add-on object cannot work on a local cluster of kwok fake nodes, or undefined. */
export function whyHeld(object: KubeObject): string | undefined {
  const hooks = (object.metadata.annotations?.["helm.sh/hook"] ?? "").split(",").map((hook) => hook.trim()).filter((hook) => hook !== "");
  const notRun = hooks.filter((hook) => HOOKS_NOT_RUN_ON_SYNC.has(hook));
  if (notRun.length > 0 && notRun.length === hooks.length) return `Helm ${notRun.join(", ")} hook: Argo CD does not run it on a sync`;
  if (WEBHOOK_KINDS.has(object.kind) && object.apiVersion.startsWith("admissionregistration.k8s.io/")) {
    const webhooks = Array.isArray(object.webhooks) ? (object.webhooks as { failurePolicy?: string }[]) : [];
    const policies = [...new Set(webhooks.map((webhook) => webhook.failurePolicy ?? "Fail"))].sort().join("/") || "Fail";
    const outcome = policies === "Ignore" ? "wait the webhook's timeout on every object it matches" : "reject every object its Fail webhooks match";
    return `its webhook pods run on kwok fake nodes and serve nothing: with failurePolicy ${policies} the API server would ${outcome}`;
  }
  if (object.kind === "APIService" && object.apiVersion.startsWith("apiregistration.k8s.io/") && (object.spec as { service?: unknown } | undefined)?.service != null) {
    if (LOCALLY_SERVED_API_SERVICES.has(object.metadata.name)) return "the local control plane serves this API with its own metrics-server (src/local/metrics-api.ts)";
    return "an aggregated API served by a pod on a kwok fake node answers nothing: discovery would fail for every client and namespaces could no longer be deleted";
  }
  return undefined;
}

export interface RenderedPlatformAddons {
  readonly addons: readonly RenderedAddon[];
  /** Chart Applications whose chart could not be resolved, with the reason. */
  readonly unavailable: ReadonlyMap<string, string>;
}

/**
 * Renders the chart Applications among `objects` whose charts the resolver finds; the
 * others are listed by Application name with the reason.
 */
export async function renderAvailableAddons(
  objects: readonly KubeObject[],
  resolver: ChartResolver,
  kubernetesVersion: string,
  cacheDirectory?: string,
): Promise<RenderedPlatformAddons & { readonly fromCache: boolean; readonly cacheProblem?: string }> {
  const available: ChartApplication[] = [];
  const digests: string[] = [];
  const unavailable = new Map<string, string>();
  for (const application of chartApplications(objects)) {
    try {
      const resolved = await resolver.resolve(application.coordinates, `Application ${application.name}`);
      digests.push(createHash("sha256").update(await readFile(resolved.path)).digest("hex"));
      available.push(application);
    } catch (error) {
      if (!(error instanceof SlipwayError) || error.code !== "CHART_UNAVAILABLE") throw error;
      unavailable.set(
        application.name,
        `the chart ${application.coordinates.chart}@${application.coordinates.version} is not available, so what it installs does not run locally: pass --charts DIR|URL or set SLIPWAY_CHARTS`,
      );
    }
  }
  if (available.length === 0) return { addons: [], unavailable, fromCache: false };
  const helm = await helmPath();
  const key = renderKey(available, digests, kubernetesVersion, helm);
  const cached = cacheDirectory === undefined ? undefined : await readRenderedAddons(cacheDirectory, key);
  if (cached !== undefined) return { addons: cached, unavailable, fromCache: true };
  const rendered = await renderChartApplications(available, { resolver, kubernetesVersion, helm });
  const addons = [...rendered.addons.values()];
  if (cacheDirectory !== undefined) {
    try {
      await writeRenderedAddons(cacheDirectory, key, addons);
    } catch (error) {
      // The render is done; a cache that cannot be written only costs the next `up` a render.
      if (!(error instanceof SlipwayError)) throw error;
      return { addons, unavailable, fromCache: false, cacheProblem: `${error.message} (${error.fix ?? ""}): the next up renders the charts again` };
    }
  }
  return { addons, unavailable, fromCache: false };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
