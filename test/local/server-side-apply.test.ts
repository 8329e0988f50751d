import { describe, expect, it } from "vitest";
import { objectPath, withoutFieldsOwnedByOthers } from "../../src/local/server-side-apply.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";

const rollout: KubeObject = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "web", namespace: "shop" }, spec: { replicas: 10, strategy: {} } };
const entry = (manager: string, fields: Record<string, unknown>, operation = "Update") => ({ manager, operation, fieldsV1: { "f:spec": fields } });
const live = (...entries: unknown[]) => JSON.stringify({ metadata: { managedFields: entries } });

describe("withoutFieldsOwnedByOthers", () => {
  it.each([
    ["a new object", undefined, true],
    ["replicas only we own", live(entry("slipway", { "f:replicas": {}, "f:strategy": {} }, "Apply")), true],
    ["replicas the HPA took over", live(entry("slipway", { "f:strategy": {} }, "Apply"), entry("kube-controller-manager", { "f:replicas": {} })), false],
    ["replicas both own (same value written)", live(entry("slipway", { "f:replicas": {} }, "Apply"), entry("kube-controller-manager", { "f:replicas": {} })), true],
  ])("GIVEN %s WHEN applying THEN spec.replicas is kept: %s", (_, body, kept) => {
    const applied = withoutFieldsOwnedByOthers(rollout, body);
    expect("replicas" in (applied.spec as object)).toBe(kept);
    expect((applied.spec as { strategy: unknown }).strategy).toEqual({});
  });
});

describe("objectPath", () => {
  it.each([
    [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }, { resource: "namespaces", namespaced: false }, "/api/v1/namespaces/shop"],
    [rollout, { resource: "rollouts", namespaced: true }, "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web"],
  ])("GIVEN %o WHEN addressing it THEN the REST path is right", (object, served, path) => {
    expect(objectPath(object as KubeObject, served)).toBe(path);
  });
});
