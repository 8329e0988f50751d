import { describe, expect, it } from "vitest";
import { LINT_RULES } from "../../../../src/check/rules/index.js";
import { RUNTIME_OBJECTS, runtimeObjectsOf } from "../../../../src/check/rules/support/runtime-objects.js";
import { contextFromYaml } from "./run-lint-rules.js";

const messages = (ruleId: string, yaml: string) => {
  const context = contextFromYaml(yaml);
  return LINT_RULES.filter((rule) => rule.id === ruleId).flatMap((rule) => rule.check(context)).map((finding) => `${finding.object}: ${finding.message}`);
};

// Argo CD's install.yaml, reduced to what matters: Redis with its secret-init container, a reader, another Secret.
const redis = (command: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: argocd-redis, namespace: argocd}
spec:
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      initContainers:
        - name: secret-init
          image: quay.io/argoproj/argocd:v3.5.2
          command: [argocd, admin]
          args: [${command}]
      containers:
        - name: redis
          image: redis:8
          env:
            - name: REDIS_PASSWORD
              valueFrom: {secretKeyRef: {name: argocd-redis, key: auth}}
---
apiVersion: v1
kind: Secret
metadata: {name: argocd-secret, namespace: argocd}
`;

const prometheus = (extraLabels: string) => `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec:
  podMetadata: {labels: {team: platform${extraLabels}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: other, namespace: monitoring}
spec:
  selector: {matchLabels: {app: other}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: other, image: other:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: prometheus, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: prometheus, prometheus: main, team: platform}
  ports: [{port: 9090}]
`;

describe("RUNTIME_OBJECTS", () => {
  it("GIVEN the table WHEN read THEN every entry names its controller, evidence and why", () => {
    for (const entry of RUNTIME_OBJECTS) {
      expect(entry.controller).not.toBe("");
      expect(entry.why.length).toBeGreaterThan(40);
    }
  });

  it.each([
    { name: "Argo CD's Redis runs secret-init", yaml: redis("redis-initial-password"), expected: [] },
    {
      name: "no container creates the Secret",
      yaml: redis("something-else"),
      expected: ["Deployment argocd/argocd-redis: container \"redis\" env REDIS_PASSWORD reads Secret argocd-redis, which is not in namespace argocd"],
    },
  ])("GIVEN $name WHEN reference/secret-ref runs THEN it reports only what no controller creates", ({ yaml, expected }) => {
    expect(messages("reference/secret-ref", yaml)).toEqual(expected);
  });

  it("GIVEN Secret argocd-redis created by Redis in argocd WHEN looked up in another namespace THEN it is not there", () => {
    const runtime = runtimeObjectsOf(contextFromYaml(redis("redis-initial-password")).objects);
    expect(runtime.created("Secret", "argocd", "argocd-redis")?.entry.controller).toBe("Argo CD");
    expect(runtime.created("Secret", "default", "argocd-redis")).toBeUndefined();
    expect(runtime.created("ConfigMap", "argocd", "argocd-redis")).toBeUndefined();
  });

  it.each([
    { name: "a Service selecting the pods the operator creates for a Prometheus", yaml: prometheus(""), expected: [] },
    {
      name: "a Service selecting a label those pods do not have",
      yaml: prometheus("").replace("team: platform}\n  ports", "team: platform, tier: db}\n  ports"),
      expected: ["Service monitoring/prometheus: selector app.kubernetes.io/name=prometheus,prometheus=main,team=platform,tier=db matches no pod template in namespace monitoring"],
    },
  ])("GIVEN $name WHEN reference/service-selector runs THEN operator pods count as pods", ({ yaml, expected }) => {
    expect(messages("reference/service-selector", yaml)).toEqual(expected);
  });

  it("GIVEN a Prometheus whose podMetadata sets the operator's own label WHEN its pods are derived THEN the operator's value wins", () => {
    const runtime = runtimeObjectsOf(contextFromYaml(prometheus(", prometheus: mine")).objects);
    expect(runtime.pods.map((pods) => pods.labels)).toEqual([
      {
        team: "platform",
        prometheus: "main",
        "app.kubernetes.io/name": "prometheus",
        "app.kubernetes.io/managed-by": "prometheus-operator",
        "app.kubernetes.io/instance": "main",
        "operator.prometheus.io/name": "main",
        "operator.prometheus.io/shard": "0",
      },
    ]);
  });
});
