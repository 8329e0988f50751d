/**
 * The rules the checker's engine runs itself (parse, input, suppression, kustomize, schema, api-validation, unknown-kind),
 * because they need I/O or compiled schemas. Described here, apart from the registry, so
 * a check that runs only these does not load every other rule's module.
 */
import type { Rule } from "./rule.js";

/** What documents a rule: everything but its check. */
export type RuleDescriptor = Omit<Rule, "check" | "report">;

export const ENGINE_RULES: readonly RuleDescriptor[] = [
  {
    id: "parse",
    category: "schema",
    severity: "error",
    description: "Input that is not a Kubernetes object: broken YAML or JSON, binary files, scalars or lists instead of objects, documents without apiVersion or kind, documents over the API server's 3 MiB limit. A YAML file found in a folder none of whose documents looks like a Kubernetes object (no kind, no metadata, no group/version apiVersion: a Helm repository index, Helm values, docker-compose) is one info finding instead, skipped as Argo CD skips it.",
    remediation: "Fix the syntax at the line given, or leave the file out of the input.",
  },
  {
    id: "input",
    category: "schema",
    severity: "error",
    description: "A file or folder of the input that cannot be read: no permission, a broken symbolic link, a symbolic link loop. Never skipped silently: a check that passes must have read everything.",
    remediation: "Make the file or folder readable, fix the link, or leave it out of the input.",
  },
  {
    id: "argocd-source-path",
    category: "reference",
    severity: "warning",
    description:
      "An Argo CD Application whose source path lies in the repository being checked (the repoURL of Applications whose folders are in the input) but is not a folder there: Argo CD reports `app path does not exist` and syncs nothing. A warning because a team may commit that folder beside a synthesized tree (teams.<team>.applications).",
    remediation: "Commit the manifests to that folder of the repository, or point the Application's source path at a folder that exists.",
  },
  {
    id: "suppression",
    category: "schema",
    severity: "error",
    description: "A `# slipway:ignore` comment that cannot be honoured: it names no rule, several, or gives no reason after `--`. It suppresses nothing until fixed.",
    remediation: "Write `# slipway:ignore <rule> -- <why the finding is acceptable>` in the object's YAML document.",
  },
  {
    id: "kustomize",
    category: "schema",
    severity: "error",
    description: "A folder with a kustomization.yaml that kustomize cannot build (its files are then checked one by one).",
    remediation: "Run kubectl kustomize on the folder and fix what it reports.",
  },
  {
    id: "schema",
    category: "schema",
    severity: "error",
    description: "Objects that do not match the schema of their kind for the target Kubernetes version, or the openAPIV3Schema of their CRD's version; unknown fields are errors, as with the API server's strict field validation. The CRD's CEL rules (`x-kubernetes-validations`) are evaluated too; rules the checker cannot evaluate are counted in one info finding per kind, never reported as violations.",
    remediation: "Fix the field named in the finding; kubectl explain <kind> --recursive lists the valid fields.",
  },
  {
    id: "api-validation",
    category: "schema",
    severity: "error",
    description:
      "Objects the API server's built-in validation rejects although every field has the right type: names that are not DNS names (per kind), invalid label keys and values or annotation keys, controller selectors that are empty or do not match their template's labels, pods without containers or with duplicate container, volume or port names, volume mounts naming no volume, volumes with more than one source (also in Argo Rollouts, whose controller refuses them), PersistentVolumes with none or several, unknown image pull, restart and DNS policies, Services without ports, with unnamed, duplicate or out-of-range ports or an unknown type, headless (clusterIP: None) LoadBalancer and NodePort Services, ExternalName Services with cluster IPs or IP families, fields only some types take (loadBalancerClass, allocateLoadBalancerNodePorts and loadBalancerSourceRanges only on LoadBalancers, externalTrafficPolicy only on externally-accessible Services, healthCheckNodePort only with policy Local), source ranges that are no CIDRs and external IPs that are no IPs or loopback/link-local ones, a node port used twice, ConfigMap and Secret keys that cannot be file names, typed Secrets (TLS, basic-auth, ssh-auth, docker config, service-account token) without the keys their type needs, Ingress paths without a known pathType or not absolute, Ingresses without rules or a default backend, with backends naming no or both targets, no or both port forms, or invalid Service, TLS host, TLS secret or class names, PodDisruptionBudgets with both minAvailable and maxUnavailable, HPAs with minReplicas 0 or above maxReplicas, metrics whose type names another source or whose target lacks the value its source needs (and Object targets whose type names a field they do not set, which the HPA controller cannot use), NetworkPolicy ports with endPort below port, with a named port or without port, empty peers, ipBlocks beside selectors and CIDRs that are no CIDRs, claim specs (PersistentVolumeClaims, StatefulSet claim templates, ephemeral volumes) without access modes or a positive storage request or with an unknown access or volume mode, Ingress hosts that are no DNS names, negative controller counts and durations (replicas, minReadySeconds, history limits, backoffLimit...), unknown StatefulSet podManagementPolicy and claim retention or Job completionMode, env vars with an invalid name, both value and valueFrom, no or several valueFrom sources, references to ConfigMaps and Secrets by invalid names or keys or to fields an env var cannot read, pod specs with invalid ServiceAccount, node, priority or runtime class names, hostnames and subdomains, unknown preemption, OS, fsGroupChangePolicy, supplementalGroupsPolicy, terminationMessagePolicy or procMount values, user or group IDs out of range, seccomp or AppArmor profiles without or with a needless localhostProfile, invalid or duplicate sysctls, Services with an unknown sessionAffinity, internalTrafficPolicy, ipFamilies or ipFamilyPolicy or a ClientIP timeout out of range, tolerations with a value on Exists or tolerationSeconds without NoExecute, RBAC bindings with an unknown subject kind or a ServiceAccount subject without namespace in a ClusterRoleBinding, RBAC rules without verbs or resources.",
    remediation: "Fix the field named in the finding as its message says; kubectl apply --dry-run=server gives the same verdict against a cluster.",
  },
  {
    id: "unknown-kind",
    category: "schema",
    severity: "error",
    description: "Objects whose apiVersion/kind has no schema: neither a kind of the target Kubernetes version nor defined by a CRD from --crds or the input. Never skipped silently.",
    remediation: "Pass the CRD folder with --crds, include the CRD in the input, or fix apiVersion/kind.",
  },
];

/**
 * Does a selector from --enable/--disable (or the library options) name this rule? A
 * selector is a rule id, an id prefix (`pod-security` matches `pod-security/hostPorts`)
 * or a category.
 */
export function selects(selector: string, rule: RuleDescriptor): boolean {
  return rule.id === selector || rule.id.startsWith(`${selector}/`) || rule.category === selector;
}

/** True when every selector names only engine rules: the rule registry need not be loaded. */
export function onlyEngineRules(enable: readonly string[]): boolean {
  return enable.length > 0 && enable.every((selector) => selector === "schema" || ENGINE_RULES.some((rule) => rule.id === selector));
}
