import { describe, expect, it } from "vitest";
import { awsLoadBalancerControllerGenerator } from "../../../src/gitops/addons/aws-load-balancer-controller.js";
import { certManagerGenerator } from "../../../src/gitops/addons/cert-manager.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { toYamlStream } from "../../../src/manifest/serialize.js";
import { CHARTS_UNAVAILABLE, renderApplication } from "../../support/render-chart.js";
import { generate } from "./support.js";

describe("AWS Load Balancer Controller values", () => {
  it("GIVEN the reference spec THEN cluster, region and the VPC Name tag are explicit and the service account is the Pod Identity one", () => {
    const { values } = generate(awsLoadBalancerControllerGenerator);
    expect(values).toMatchObject({
      clusterName: "production-cluster",
      region: "eu-west-1",
      vpcTags: { Name: "production-cluster-vpc" },
      serviceAccount: { create: true, name: "aws-load-balancer-controller" },
      nodeSelector: { role: "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(values.serviceAccount.annotations).toBeUndefined();
  });

  it("GIVEN another cluster and region THEN the values follow the bridge", () => {
    const { values } = generate(awsLoadBalancerControllerGenerator, { cluster: { name: "edge" }, aws: { region: "ap-southeast-2" } });
    expect(values).toMatchObject({ clusterName: "edge", region: "ap-southeast-2", vpcTags: { Name: "edge-vpc" } });
  });
});

describe.skipIf(CHARTS_UNAVAILABLE !== undefined)(`AWS Load Balancer Controller rendered by the real helm ${CHARTS_UNAVAILABLE ?? ""}`, () => {
  it("GIVEN the platform values WHEN the chart is rendered twice THEN both renders are identical, so Argo CD stays Synced", async () => {
    const { application } = generate(awsLoadBalancerControllerGenerator);
    const [first, second] = await Promise.all([renderApplication(application, { fresh: true }), renderApplication(application, { fresh: true })]);
    expect(toYamlStream(second)).toBe(toYamlStream(first));
  }, 60_000);

  it("GIVEN the platform values WHEN rendered THEN no TLS Secret is generated and both webhooks take their CA from the cert-manager Certificate the Deployment mounts", async () => {
    const { application, spec } = generate(awsLoadBalancerControllerGenerator);
    const objects = await renderApplication(application);
    expect(objects.filter((object) => object.kind === "Secret")).toEqual([]);
    const certificates = objects.filter((object) => object.apiVersion === "cert-manager.io/v1" && object.kind === "Certificate");
    const deployment = objects.find((object) => object.kind === "Deployment") as any;
    const mountedSecrets = (deployment.spec.template.spec.volumes as any[]).flatMap((volume) => (volume.secret ? [volume.secret.secretName] : []));
    const serving = certificates.find((certificate: any) => mountedSecrets.includes(certificate.spec.secretName));
    expect(serving, "a Certificate issuing the Secret the webhook serves from").toBeDefined();
    const webhooks = objects.filter((object) => object.kind.endsWith("WebhookConfiguration"));
    expect(webhooks.map((webhook) => webhook.kind).sort()).toEqual(["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]);
    for (const webhook of webhooks) {
      expect(webhook.metadata.annotations?.["cert-manager.io/inject-ca-from"]).toBe(`${spec.destination.namespace}/${serving!.metadata.name}`);
    }
    // The Issuers the Certificates name are rendered too (a self-signed root and a CA issuer).
    const issuers = new Set(objects.filter((object) => object.kind === "Issuer").map((issuer) => issuer.metadata.name));
    for (const certificate of certificates as any[]) expect(issuers.has(certificate.spec.issuerRef.name)).toBe(true);
  }, 60_000);

  it("GIVEN the reference platform THEN cert-manager syncs in an earlier wave than the controller whose Certificates it serves", () => {
    const wave = (application: KubeObject) => Number(application.metadata.annotations?.["argocd.argoproj.io/sync-wave"]);
    const controller = generate(awsLoadBalancerControllerGenerator).application;
    const certManager = generate(certManagerGenerator).application;
    expect(wave(certManager)).toBeLessThan(wave(controller));
  });
});
