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

// ingress-nginx's deploy.yaml and kube-prometheus-stack's admission webhook, reduced: a
// Helm hook Job runs kube-webhook-certgen create, the webhook server mounts the Secret it
// creates, and another Secret in the namespace makes reference/secret-ref look.
const certgen = (args: string, env = "[{name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}]", image = "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.4@sha256:abc") => `apiVersion: batch/v1
kind: Job
metadata: {name: ingress-nginx-admission-create, namespace: ingress-nginx}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: create
          image: ${image}
          args: [${args}]
          env: ${env}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app: controller}}
  template:
    metadata: {labels: {app: controller}}
    spec:
      containers: [{name: controller, image: registry.k8s.io/ingress-nginx/controller:v1.14.0}]
      volumes: [{name: webhook-cert, secret: {secretName: ingress-nginx-admission}}]
---
apiVersion: v1
kind: Secret
metadata: {name: other, namespace: ingress-nginx}
`;

const MISSING_ADMISSION = 'Deployment ingress-nginx/ingress-nginx-controller: volume "webhook-cert" reads Secret ingress-nginx-admission, which is not in namespace ingress-nginx';

// istiod and a reader of the root certificate it publishes, reduced from Istio's istiod and ztunnel charts
// (a ConfigMap in the reader's namespace, so configmap-ref takes the input to hold that namespace's configuration).
const istio = (istiodImage: string, readerNamespace: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: istiod, namespace: istio-system}
spec:
  selector: {matchLabels: {app: istiod}}
  template:
    metadata: {labels: {app: istiod}}
    spec:
      containers:
        - name: discovery
          image: ${istiodImage}
          args: [discovery, --monitoringAddr=:15014]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ztunnel, namespace: ${readerNamespace}}
spec:
  selector: {matchLabels: {app: ztunnel}}
  template:
    metadata: {labels: {app: ztunnel}}
    spec:
      containers:
        - name: istio-proxy
          image: docker.io/istio/ztunnel:1.29.0
          volumeMounts: [{name: istiod-ca-cert, mountPath: /var/run/secrets/istio}]
      volumes:
        - name: istiod-ca-cert
          configMap: {name: istio-ca-root-cert}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ztunnel-settings, namespace: ${readerNamespace}}
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

  it.each([
    { name: "ingress-nginx: --secret-name=, --namespace=$(POD_NAMESPACE) from the pod's namespace", yaml: certgen("create, --host=a,b, --namespace=$(POD_NAMESPACE), --secret-name=ingress-nginx-admission"), expected: [] },
    { name: "kube-prometheus-stack: the fork's image, a literal --namespace", yaml: certgen("create, --namespace=ingress-nginx, --secret-name=ingress-nginx-admission", "[]", "ghcr.io/jkroepke/kube-webhook-certgen:1.8.7"), expected: [] },
    { name: "flags as separate words, no --namespace", yaml: certgen("create, --secret-name, ingress-nginx-admission", "[]"), expected: [] },
    { name: "--namespace from a literal env value", yaml: certgen("create, --namespace=$(NS), --secret-name=ingress-nginx-admission", "[{name: NS, value: ingress-nginx}]"), expected: [] },
    { name: "the Secret created in another namespace", yaml: certgen("create, --namespace=elsewhere, --secret-name=ingress-nginx-admission", "[]"), expected: [MISSING_ADMISSION] },
    { name: "another Secret name", yaml: certgen("create, --secret-name=other-admission"), expected: [MISSING_ADMISSION] },
    { name: "certgen patching, not creating", yaml: certgen("patch, --webhook-name=x, --secret-name=ingress-nginx-admission"), expected: [MISSING_ADMISSION] },
    { name: "a namespace variable the env does not define", yaml: certgen("create, --namespace=$(UNSET), --secret-name=ingress-nginx-admission", "[]"), expected: [MISSING_ADMISSION] },
    { name: "another image running create", yaml: certgen("create, --secret-name=ingress-nginx-admission", "[]", "example.com/kube-webhook-certgen-like:1"), expected: [MISSING_ADMISSION] },
  ])("GIVEN kube-webhook-certgen, $name WHEN reference/secret-ref runs THEN only a Secret it does not create is missing", ({ yaml, expected }) => {
    expect(messages("reference/secret-ref", yaml)).toEqual(expected);
  });

  it.each([
    { name: "istiod in the input, the reader in its namespace", yaml: istio("docker.io/istio/pilot:1.29.0", "istio-system"), expected: [] },
    { name: "istiod in the input, the reader in another namespace", yaml: istio("gcr.io/istio-release/pilot:1.29.0@sha256:0123", "shop"), expected: [] },
    {
      name: "the reader in kube-public, where istiod publishes nothing",
      yaml: istio("docker.io/istio/pilot:1.29.0", "kube-public"),
      expected: ['DaemonSet kube-public/ztunnel: volume "istiod-ca-cert" reads ConfigMap istio-ca-root-cert, which is not in namespace kube-public'],
    },
    {
      name: "no istiod (another image)",
      yaml: istio("docker.io/istio/proxyv2:1.29.0", "istio-system"),
      expected: ['DaemonSet istio-system/ztunnel: volume "istiod-ca-cert" reads ConfigMap istio-ca-root-cert, which is not in namespace istio-system'],
    },
  ])("GIVEN $name WHEN reference/configmap-ref runs THEN istio-ca-root-cert is created in every namespace istiod serves", ({ yaml, expected }) => {
    expect(messages("reference/configmap-ref", yaml)).toEqual(expected);
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
