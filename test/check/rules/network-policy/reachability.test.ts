import { describe, expect, test } from "vitest";
import { formatPortSet } from "../../../../src/check/rules/network-policy/port-set.js";
import { allowedTraffic, buildNetworkModel, type Endpoint } from "../../../../src/check/rules/network-policy/reachability.js";
import { contextFromYaml } from "../support/run-lint-rules.js";

/** Two pods in `a` (web, api with ports http 8080 and metrics 9090), one in `b` (web), each a Pod. */
const PODS = `
apiVersion: v1
kind: Namespace
metadata: {name: b, labels: {team: blue}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: a, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx:1.27.3}]
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: a, labels: {app: api}}
spec:
  containers:
    - name: api
      image: api:1.0.0
      ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: b, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx:1.27.3}]
`;

function traffic(policies: string, from: string, to: string): string {
  const model = buildNetworkModel(contextFromYaml(`${PODS}---\n${policies}`).objects);
  const find = (label: string): Endpoint => {
    const endpoint = model.endpoints.find((candidate) => candidate.label === label);
    if (!endpoint) throw new Error(`no endpoint ${label}`);
    return endpoint;
  };
  return formatPortSet(allowedTraffic(model, find(from), find(to)));
}

const API_POLICY = (spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: a}
spec:
  podSelector: {matchLabels: {app: api}}
${spec}`;

describe("NetworkPolicy reachability", () => {
  test.each([
    ["no policy: everything is open", "", "a/Pod web", "a/Pod api", "all"],
    ["an ingress rule admits only what it lists", API_POLICY("  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"), "a/Pod web", "a/Pod api", "all"],
    ["a podSelector peer means pods of the policy's namespace only", API_POLICY("  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"), "b/Pod web", "a/Pod api", "-"],
    ["a namespaceSelector peer admits every pod of the selected namespaces", API_POLICY("  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}]}]"), "b/Pod web", "a/Pod api", "all"],
    ["namespaceSelector and podSelector in one peer are ANDed", API_POLICY("  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}, podSelector: {matchLabels: {app: db}}}]}]"), "b/Pod web", "a/Pod api", "-"],
    ["separate peers are ORed", API_POLICY("  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}, {podSelector: {matchLabels: {app: db}}}]}]"), "b/Pod web", "a/Pod api", "all"],
    ["every namespace carries kubernetes.io/metadata.name", API_POLICY("  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: a}}}]}]"), "a/Pod web", "a/Pod api", "all"],
    ["an empty ingress list denies all ingress", API_POLICY("  policyTypes: [Ingress]"), "a/Pod web", "a/Pod api", "-"],
    ["a named port resolves against the destination's container ports", API_POLICY("  ingress: [{ports: [{port: metrics}]}]"), "a/Pod web", "a/Pod api", "TCP/9090"],
    ["a named port of the wrong protocol matches nothing", API_POLICY("  ingress: [{ports: [{port: metrics, protocol: UDP}]}]"), "a/Pod web", "a/Pod api", "-"],
    ["endPort widens a numeric port to a range", API_POLICY("  ingress: [{ports: [{port: 8000, endPort: 8100}]}]"), "a/Pod web", "a/Pod api", "TCP/8000-8100"],
    ["a port without a number opens every port of its protocol", API_POLICY("  ingress: [{ports: [{protocol: UDP}]}]"), "a/Pod web", "a/Pod api", "UDP/*"],
    ["ipBlock peers never match pods", API_POLICY("  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]"), "a/Pod web", "a/Pod api", "-"],
    [
      "policies are additive",
      `${API_POLICY("  ingress: [{ports: [{port: 8080}]}]")}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: more, namespace: a}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 9090}]}]`,
      "a/Pod web",
      "a/Pod api",
      "TCP/8080,TCP/9090",
    ],
    ["without policyTypes, egress rules make the policy an egress policy", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  egress: [{ports: [{port: 8080}]}]", "a/Pod web", "a/Pod api", "TCP/8080"],
    ["without policyTypes and egress rules, egress is untouched", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: []", "a/Pod web", "a/Pod api", "all"],
    ["policyTypes [Ingress] ignores egress rules", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n  egress: [{ports: [{port: 1}]}]", "a/Pod web", "a/Pod api", "all"],
    [
      "a connection needs the source's egress and the destination's ingress",
      `${API_POLICY("  ingress: [{ports: [{port: 8080}, {port: 9090}]}]")}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  egress: [{ports: [{port: 9090}, {port: 53, protocol: UDP}]}]`,
      "a/Pod web",
      "a/Pod api",
      "TCP/9090",
    ],
    ["a policy selects pods of its own namespace only", API_POLICY("  policyTypes: [Ingress]").replace("app: api", "app: web"), "a/Pod api", "b/Pod web", "all"],
  ])("GIVEN %s WHEN traffic is evaluated THEN the allowed ports follow NetworkPolicy semantics", (_name, policies, from, to, expected) => {
    expect(traffic(policies, from, to)).toBe(expected);
  });
});
