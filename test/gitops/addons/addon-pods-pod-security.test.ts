/**
 * Every add-on chart rendered by the real helm with the platform's values, and each pod held
 * against the Pod Security level its namespace enforces (addon-namespaces.test.ts tests the
 * table itself). `npm test` runs it; `npm run test:unit` leaves it out (see vitest.config.ts),
 * like the other tests that render all 13 charts.
 */
import { describe, expect, it } from "vitest";
import { evaluatePod, podTemplateOf } from "../../../src/check/pod-security/index.js";
import { ADDONS_GENERATORS } from "../../../src/gitops/addons/index.js";
import { addonNamespacePolicies, type PodSecurityLevel } from "../../../src/gitops/addons/addon-namespaces.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { POD_SECURITY_VERSION } from "../../../src/versions.js";
import { CHARTS_UNAVAILABLE, namespaceOf, renderApplication } from "../../support/render-chart.js";

const STRICTER: Record<PodSecurityLevel, PodSecurityLevel | undefined> = { privileged: "baseline", baseline: "restricted", restricted: undefined };

describe.skipIf(CHARTS_UNAVAILABLE !== undefined)(`add-on pods against their namespace's Pod Security level, charts rendered by the real helm ${CHARTS_UNAVAILABLE ?? ""}`, () => {
  it("GIVEN every add-on chart rendered with the platform values THEN each pod passes the level its namespace enforces, and each labelled level is the strictest its pods pass", async () => {
    const spec = parseSpec({}, "test");
    const names = platformNames(spec);
    const policies = addonNamespacePolicies(names);
    const applications = ADDONS_GENERATORS.flatMap((generator) => generator({ spec, names }))
      .filter(isManifestFile)
      .flatMap((file) => file.objects);
    expect(applications).toHaveLength(13);
    const renders = await Promise.all(applications.map(async (application) => ({ application, objects: await renderApplication(application) })));

    const failures: string[] = [];
    const podsByNamespace = new Map<string, { name: string; failsStricter: boolean }[]>();
    for (const { application, objects } of renders) {
      const destination = (application.spec as { destination: { namespace: string } }).destination.namespace;
      for (const object of objects) {
        const pod = podTemplateOf({ apiVersion: object.apiVersion, kind: object.kind, document: object });
        if (pod === undefined) continue;
        const namespace = namespaceOf(object, destination);
        const name = `${application.metadata.name}: ${object.kind}/${namespace}/${object.metadata.name}`;
        const policy = policies.get(namespace);
        if (policy === undefined) {
          failures.push(`${name}: namespace has no Pod Security level`);
          continue;
        }
        // An unlabelled namespace is privileged: the API server's default admission configuration on EKS.
        const level: PodSecurityLevel = policy.podSecurity === "unmanaged" ? "privileged" : policy.podSecurity;
        const denied = evaluatePod(level, POD_SECURITY_VERSION, pod.metadata, pod.spec, { isPod: pod.isPod }).filter((result) => !result.allowed);
        for (const result of denied) failures.push(`${name} violates ${level} (${policy.why}): ${result.forbiddenReason} (${result.forbiddenDetail})`);
        const stricter = STRICTER[level];
        const failsStricter =
          stricter !== undefined && evaluatePod(stricter, POD_SECURITY_VERSION, pod.metadata, pod.spec, { isPod: pod.isPod }).some((result) => !result.allowed);
        podsByNamespace.set(namespace, [...(podsByNamespace.get(namespace) ?? []), { name, failsStricter }]);
      }
    }
    expect(failures).toEqual([]);

    for (const [namespace, policy] of policies) {
      if (policy.podSecurity === "unmanaged" || policy.podSecurity === "restricted") continue;
      const pods = podsByNamespace.get(namespace) ?? [];
      expect(pods.some((pod) => pod.failsStricter), `${namespace} is ${policy.podSecurity} but every pod passes the stricter level`).toBe(true);
    }
    // The host agents are where the table says: the level they need (privileged) is explicit there.
    const hostAgents = ["kube-prometheus-stack-prometheus-node-exporter", "alloy", "secrets-store-csi-driver", "secrets-store-csi-driver-provider-aws"];
    for (const agent of hostAgents) {
      const namespaces = [...podsByNamespace.entries()].filter(([, pods]) => pods.some((pod) => pod.name.endsWith(`/${agent}`))).map(([namespace]) => namespace);
      expect(namespaces, agent).toEqual([names.namespaces.system]);
    }
  }, 300_000);
});
