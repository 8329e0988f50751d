/**
 * Objects are untrusted JSON: every rule must survive any field having any type. This
 * fuzz test takes the corpus, replaces fields at random (seeded, so failures reproduce)
 * with values of the wrong type, and runs every lint rule and the reachability matrix.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import type { SourceObject } from "../../../src/check/finding.js";
import type { CheckContext } from "../../../src/check/rule.js";
import { LINT_RULES, reachabilityMatrix } from "../../../src/check/rules/index.js";
import { REPO_ROOT } from "../../support/paths.js";
import { loadContext } from "./support/run-lint-rules.js";

const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 1e309, "", "x", true, [], {}, [null, 1, "a", {}], { a: [] }, "53", 70000];

/** mulberry32: a tiny deterministic generator. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every container (object or array) inside a value, with the keys that lead into it. */
function containers(value: unknown, into: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (typeof value === "object" && value !== null) {
    into.push(value as Record<string, unknown> | unknown[]);
    for (const child of Object.values(value)) containers(child, into);
  }
  return into;
}

function mutate(object: SourceObject, next: () => number, mutations: number): SourceObject {
  const document = structuredClone(object.document);
  for (let index = 0; index < mutations; index += 1) {
    const candidates = containers(document);
    const target = candidates[Math.floor(next() * candidates.length)];
    if (!target) break;
    const keys = Object.keys(target);
    const key = keys[Math.floor(next() * keys.length)];
    if (key === undefined) continue;
    (target as Record<string, unknown>)[key] = structuredClone(WRONG_VALUES[Math.floor(next() * WRONG_VALUES.length)]);
  }
  return { ...object, document };
}

async function corpus(): Promise<SourceObject[]> {
  const bad = resolve(REPO_ROOT, "test/fixtures/check/bad");
  const folders = [resolve(REPO_ROOT, "test/fixtures/check/clean"), ...readdirSync(bad).map((folder) => resolve(bad, folder))];
  const contexts = await Promise.all(folders.map((folder) => loadContext(folder)));
  return contexts.flatMap((context) => [...context.objects]);
}

describe("robustness against wrong types", () => {
  test("GIVEN 100 randomly corrupted copies of the corpus WHEN every lint rule runs THEN none throws", async () => {
    const objects = await corpus();
    const next = random(20261127);
    for (let round = 0; round < 100; round += 1) {
      const mutated = objects.map((object) => mutate(object, next, 1 + Math.floor(next() * 4)));
      // Targeting the EKS Argo CD capability, so its rules run too (they are silent otherwise).
      const context: CheckContext = { objects: mutated, kubernetesVersion: "1.35", customResourceKinds: new Set(), argocd: "eks-capability" };
      for (const rule of LINT_RULES) {
        expect(() => rule.check(context), `rule ${rule.id}, round ${round}`).not.toThrow();
      }
      expect(() => reachabilityMatrix(context), `matrix, round ${round}`).not.toThrow();
    }
  });

  test("GIVEN documents whose top-level fields have every wrong type WHEN every lint rule runs THEN none throws", () => {
    const kinds = ["Deployment", "Rollout", "CronJob", "Pod", "NetworkPolicy", "HorizontalPodAutoscaler", "Service", "ServiceMonitor", "Application", "ApplicationSet", "AppProject", "ExternalSecret", "Secret", "ConfigMap", "PersistentVolumeClaim", "StatefulSet", "StorageClass", "ResourceQuota", "LimitRange", "PodDisruptionBudget", "Namespace", "APIService"];
    const objects: SourceObject[] = kinds.flatMap((kind, kindIndex) =>
      WRONG_VALUES.map((value, valueIndex) => ({
        document: { apiVersion: "x", kind, metadata: value, spec: value, data: value, stringData: value, type: value },
        apiVersion: kind === "Rollout" || kind === "Application" || kind === "ApplicationSet" || kind === "AppProject" ? "argoproj.io/v1alpha1" : kind === "NetworkPolicy" ? "networking.k8s.io/v1" : "v1",
        kind,
        name: `n${valueIndex}`,
        namespace: "demo",
        file: "fuzz.yaml",
        documentIndex: kindIndex * 100 + valueIndex,
        line: 1,
      })),
    );
    const context: CheckContext = { objects, kubernetesVersion: "1.35", customResourceKinds: new Set(), argocd: "eks-capability" };
    for (const rule of LINT_RULES) expect(() => rule.check(context), rule.id).not.toThrow();
    expect(() => reachabilityMatrix(context)).not.toThrow();
  });
});
