import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests, validateObjects } from "../../../src/check/check.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { crd } from "../../support/crd.js";
import { SHARED_CRDS_DIR } from "../../support/paths.js";
import { needsShared } from "../../support/shared.js";

const deployment = (patch: (spec: Record<string, any>) => void = () => {}): KubeObject => {
  const object = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "prod", labels: { app: "api" }, creationTimestamp: null },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "api" } },
      strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "api" } },
        spec: {
          containers: [{ name: "api", image: "api:1.0", ports: [{ containerPort: 8080 }], resources: { requests: { cpu: "250m", memory: "1.5Gi" }, limits: { cpu: 1 } } }],
        },
      },
    },
  };
  patch(object.spec);
  return object as unknown as KubeObject;
};

const messages = async (objects: KubeObject[], crdDirectories: string[] = []) =>
  (await validateObjects(objects, { crdDirectories })).map((finding) => `${finding.ruleId} ${finding.object}: ${finding.message}`);

describe("validateObjects (built-in kinds)", () => {
  it("GIVEN a valid Deployment with quantities, int-or-string and a null timestamp WHEN validated THEN no finding", async () => {
    expect(await messages([deployment()])).toEqual([]);
  });

  it.each([
    { name: "unknown field", patch: (spec: any) => (spec.replicass = 3), message: 'unknown field "spec.replicass"' },
    { name: "missing required field", patch: (spec: any) => delete spec.selector, message: 'missing required field "spec.selector"' },
    { name: "wrong type", patch: (spec: any) => (spec.replicas = "two"), message: 'spec.replicas: must be integer, got string "two"' },
    { name: "int32 out of range", patch: (spec: any) => (spec.replicas = 2 ** 40), message: 'spec.replicas: 1099511627776 is not a valid int32' },
    { name: "bad quantity", patch: (spec: any) => (spec.template.spec.containers[0].resources.requests.memory = "12Xi"), message: 'spec.template.spec.containers[0].resources.requests.memory: "12Xi" does not match ^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$' },
    { name: "int-or-string given a boolean", patch: (spec: any) => (spec.strategy.rollingUpdate.maxSurge = true), message: "spec.strategy.rollingUpdate.maxSurge: must be integer or string, got boolean" },
    { name: "unknown field in a container", patch: (spec: any) => (spec.template.spec.containers[0].imagePullPolicyy = "Always"), message: 'unknown field "spec.template.spec.containers[0].imagePullPolicyy"' },
  ])("GIVEN a Deployment with $name WHEN validated THEN the schema finding says so", async ({ patch, message }) => {
    expect(await messages([deployment(patch)])).toEqual([`schema Deployment prod/api: ${message}`]);
  });

  it("GIVEN a kind of another Kubernetes version and an unknown kind WHEN validated THEN unknown-kind, never skipped", async () => {
    const objects = [
      { apiVersion: "apps/v1beta3", kind: "Deployment", metadata: { name: "a" } },
      { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } },
    ] as KubeObject[];
    expect(await messages(objects)).toEqual([
      "unknown-kind Deployment a: Deployment apps/v1beta3 is not served by Kubernetes 1.35 (served: apps/v1)",
      "unknown-kind Widget w: no schema for Widget example.com/v1: not a Kubernetes 1.35 kind and no CustomResourceDefinition defines it",
    ]);
  });

  it.each([
    { name: "a CSIDriver without spec", object: { apiVersion: "storage.k8s.io/v1", kind: "CSIDriver", metadata: { name: "mock.storage.k8s.io" } }, expected: [] },
    { name: "a DeviceClass without spec", object: { apiVersion: "resource.k8s.io/v1", kind: "DeviceClass", metadata: { name: "gpu" } }, expected: [] },
    { name: "a ResourceClaimTemplate with an empty spec", object: { apiVersion: "resource.k8s.io/v1", kind: "ResourceClaimTemplate", metadata: { name: "t", namespace: "prod" }, spec: {} }, expected: [] },
    {
      name: "a preferred node-affinity term without preference",
      object: { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "prod" }, spec: { containers: [{ name: "c", image: "nginx:1.27" }], affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 }] } } } },
      expected: [],
    },
    {
      name: "an Ingress path without backend (its validation needs one)",
      object: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i", namespace: "prod" }, spec: { rules: [{ http: { paths: [{ path: "/", pathType: "Prefix" }] } }] } },
      expected: ['schema Ingress prod/i: missing required field "spec.rules[0].http.paths[0].backend"'],
    },
    {
      name: "a webhook without clientConfig (its validation needs one)",
      object: { apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration", metadata: { name: "v" }, webhooks: [{ name: "a.example.com", sideEffects: "None", admissionReviewVersions: ["v1"] }] },
      expected: ['schema ValidatingWebhookConfiguration v: missing required field "webhooks[0].clientConfig"'],
    },
  ])("GIVEN $name WHEN validated THEN required is what the API server requires", async ({ object, expected }) => {
    expect(await messages([object as KubeObject])).toEqual(expected);
  });

  it("GIVEN an API version removed from Kubernetes WHEN validated THEN the schema step leaves it to removed-api", async () => {
    expect(await messages([{ apiVersion: "extensions/v1beta1", kind: "Ingress", metadata: { name: "old" } } as KubeObject])).toEqual([]);
  });
});

describe("validateObjects (custom resources)", () => {
  const certificate = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "web", namespace: "prod" }, spec }) as KubeObject;

  it.skipIf(needsShared("a Certificate validated against its upstream CRD"))("GIVEN a valid Certificate and its CRD from --crds WHEN validated THEN no finding", async () => {
    expect(await messages([certificate({ secretName: "web-tls", dnsNames: ["web.example.com"], issuerRef: { name: "letsencrypt", kind: "ClusterIssuer" } })], [SHARED_CRDS_DIR])).toEqual([]);
  });

  it.skipIf(needsShared("a Certificate validated against its upstream CRD"))("GIVEN a Certificate with an unknown field and a missing required one WHEN validated THEN both are reported", async () => {
    expect(await messages([certificate({ secretNam: "web-tls", issuerRef: { name: "letsencrypt" } })], [SHARED_CRDS_DIR])).toEqual([
      'schema Certificate prod/web: missing required field "spec.secretName"',
      'schema Certificate prod/web: unknown field "spec.secretNam"',
    ]);
  });

  it.skipIf(needsShared("an ExternalSecret validated against its upstream CRD"))("GIVEN an ExternalSecret of a version its CRD no longer serves WHEN validated THEN the schema step leaves it to removed-api", async () => {
    const object = { apiVersion: "external-secrets.io/v1beta1", kind: "ExternalSecret", metadata: { name: "db" }, spec: {} } as KubeObject;
    // The deprecation table knows v1beta1 too, so the schema step stays quiet on it…
    expect(await messages([object], [SHARED_CRDS_DIR])).toEqual([]);
  });

  it.each([
    ["compact", (document: unknown) => JSON.stringify(document)],
    ["indented", (document: unknown) => JSON.stringify(document, null, 2)],
  ])("GIVEN a %s JSON CRD manifest in a --crds folder WHEN an object of its kind is validated THEN its schema applies (no unknown-kind)", async (_format, write) => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-json-crds-"));
    const gadgetCrd = crd({ kind: "Gadget", versions: [{ name: "v1", schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } } }] });
    writeFileSync(join(folder, "gadgets.json"), write(gadgetCrd));
    const gadget = { apiVersion: `${(gadgetCrd.spec as { group: string }).group}/v1`, kind: "Gadget", metadata: { name: "g", namespace: "prod" }, spec: { size: "big" } } as KubeObject;
    expect(await messages([gadget], [folder])).toEqual(['schema Gadget prod/g: spec.size: must be integer, got string "big"']);
  });

  it("GIVEN a custom resource with null in a required field WHEN validated THEN the field is missing: the API server prunes non-nullable nulls before it validates (KEDA's ScaledJob sample, template: null)", async () => {
    const jobCrd = crd({ kind: "Runner", versions: [{ name: "v1", schema: { type: "object", properties: { spec: { type: "object", required: ["template"], properties: { template: { type: "object", "x-kubernetes-preserve-unknown-fields": true }, note: { type: "string" } } } } } }] });
    const runner = (spec: Record<string, unknown>) => ({ apiVersion: `${(jobCrd.spec as { group: string }).group}/v1`, kind: "Runner", metadata: { name: "r", namespace: "prod" }, spec }) as KubeObject;
    expect(await messages([jobCrd, runner({ template: null, note: null })])).toEqual(['schema Runner prod/r: missing required field "spec.template"']);
    expect(await messages([jobCrd, runner({ template: {}, note: null })])).toEqual([]);
  });

  it("GIVEN a CRD in the input WHEN an object of its kind is validated THEN its schema applies, with int-or-string and preserved fields", async () => {
    const widgetCrd = crd({
      kind: "Widget",
      versions: [
        { name: "v1alpha1", served: false },
        {
          name: "v1",
          schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["size"],
                properties: {
                  size: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
                  extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                  mode: { type: "string", enum: ["fast", "slow"] },
                  template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } },
                },
              },
            },
          },
        },
      ],
    });
    const widget = (spec: Record<string, unknown>, apiVersion = "example.com/v1") => ({ apiVersion, kind: "Widget", metadata: { name: "w" }, spec }) as KubeObject;
    expect(
      await messages([
        widgetCrd,
        widget({ size: "10Gi", extra: { anything: { goes: 1 } }, template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { x: 1 } } }),
        widget({ size: 3, mode: "medium", colour: "red" }),
        widget({ size: 1 }, "example.com/v1alpha1"),
      ]),
    ).toEqual([
      'schema Widget w: spec.mode: unsupported value "medium": must be one of "fast", "slow"',
      'schema Widget w: unknown field "spec.colour"',
      "removed-api Widget w: Widget example.com/v1alpha1 is no longer served by its CustomResourceDefinition (served: example.com/v1)",
    ]);
  });
});

describe("validateObjects (custom resources are defaulted before validation)", () => {
  // Gateway API's GatewaySpecAddress: `type` defaults to IPAddress, and a oneOf picks the
  // value's format by type. Before defaulting, an address without `type` matched both branches.
  const gatewayCrd = crd({
    kind: "Gateway",
    schema: {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            addresses: {
              type: "array",
              items: {
                type: "object",
                required: ["value"],
                oneOf: [
                  { properties: { type: { enum: ["IPAddress"] }, value: { anyOf: [{ format: "ipv4" }, { format: "ipv6" }] } } },
                  { properties: { type: { not: { enum: ["IPAddress"] } } } },
                ],
                properties: { type: { type: "string", default: "IPAddress" }, value: { type: "string" } },
              },
            },
          },
        },
      },
    },
  });
  const gateway = (addresses: unknown[]) => ({ apiVersion: "example.com/v1", kind: "Gateway", metadata: { name: "g" }, spec: { addresses } }) as KubeObject;

  it.each([
    { name: "an IPv4 address without type", address: { value: "1.1.1.1" }, messages: [] },
    { name: "an IPv6 address without type", address: { value: "2001:db8:3c4d:15:0:d234:3eee::" }, messages: [] },
    { name: "a null type (defaulted too)", address: { type: null, value: "10.0.0.1" }, messages: [] },
    { name: "a hostname with its type", address: { type: "Hostname", value: "example.com" }, messages: [] },
    { name: "a hostname without type (the default IPAddress)", address: { value: "example.com" }, messages: ['schema Gateway g: spec.addresses[0].type: must not validate the schema (not): "IPAddress"', 'schema Gateway g: spec.addresses[0].value: "example.com" is not a valid ipv4', 'schema Gateway g: spec.addresses[0].value: "example.com" is not a valid ipv6'] },
  ])("GIVEN a Gateway with $name WHEN validated THEN the oneOf sees the default, as the API server does", async ({ address, messages: expected }) => {
    expect(await messages([gatewayCrd, gateway([address])])).toEqual(expected);
  });
});

describe("YAML 1.1 values in the schema (checkManifests on files)", () => {
  const check = async (yaml: string, enable: string[]) => {
    const root = mkdtempSync(join(tmpdir(), "slipway-yaml11-"));
    writeFileSync(join(root, "m.yaml"), yaml);
    return (await checkManifests(["m.yaml"], { cwd: root, enable })).findings.map((finding) => `${finding.ruleId} ${finding.line}: ${finding.message} | ${finding.fix}`);
  };

  it.each([
    {
      name: "a label value yes",
      yaml: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    backup: yes # nightly\n",
      finding: 'schema 6: metadata.labels.backup: must be string, got boolean | quote the value ("yes"): Kubernetes reads YAML 1.1, where an unquoted yes is the boolean true',
    },
    {
      name: "an annotation value Off",
      yaml: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  annotations: {a: b}\n  labels:\n    x: Off\n",
      finding: 'schema 7: metadata.labels.x: must be string, got boolean | quote the value ("Off"): Kubernetes reads YAML 1.1, where an unquoted Off is the boolean false',
    },
    {
      name: "a ConfigMap value 0755",
      yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  mode: 0755\n",
      finding: 'schema 6: data.mode: must be string, got integer 493 | quote the value ("0755"): Kubernetes reads YAML 1.1, where an unquoted 0755 is the number 493',
    },
    {
      name: "a container argument n in a sequence",
      yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1\n      args:\n        - --confirm\n        - n\n",
      finding: 'schema 11: spec.containers[0].args[1]: must be string, got boolean | quote the value ("n"): Kubernetes reads YAML 1.1, where an unquoted n is the boolean false',
    },
  ])("GIVEN $name WHEN checked THEN a schema error whose fix says to quote it", async ({ yaml, finding }) => {
    expect(await check(yaml, ["schema"])).toEqual([finding]);
  });

  it("GIVEN the quoted values WHEN checked THEN no schema finding", async () => {
    expect(await check("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    backup: 'yes'\n    mode: \"0755\"\n", ["schema"])).toEqual([]);
  });

  it("GIVEN privileged: on WHEN checked THEN it is the boolean true: no schema error, the privileged violation", async () => {
    const yaml =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  containers:\n    - name: c\n      image: c:1\n      securityContext:\n        privileged: on\n";
    const findings = await check(yaml, ["schema", "pod-security"]);
    expect(findings.filter((finding) => finding.startsWith("schema"))).toEqual([]);
    expect(findings.filter((finding) => finding.includes("privileged"))).toHaveLength(1);
  });
});
