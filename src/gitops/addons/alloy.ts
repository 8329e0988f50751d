/**
 * Grafana Alloy as the log agent (Promtail reached end of life on 2026-03-02): a
 * DaemonSet on every node (it tolerates every taint) that tails the pod log files of its
 * own node, labels them with namespace, pod, container and app, and pushes them to Loki.
 * Reading /var/log/pods needs a hostPath volume, which only Pod Security `privileged`
 * admits, so Alloy runs in kube-system beside EKS's node agents rather than lowering the
 * monitoring namespace (addon-namespaces.ts).
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { LOKI_PUSH_URL } from "./monitoring-endpoints.js";
import { TOLERATE_EVERYTHING } from "./system-placement.js";

/** Alloy configuration: discover this node's pods, tail their files, parse CRI lines, push to Loki. */
export const ALLOY_LOG_PIPELINE = `discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + sys.env("NODE_NAME")
  }
}

discovery.relabel "pod_logs" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"]
    separator     = "/"
    replacement   = "/var/log/pods/*$1/*.log"
    target_label  = "__path__"
  }
}

local.file_match "pod_logs" {
  path_targets = discovery.relabel.pod_logs.output
}

loki.source.file "pod_logs" {
  targets    = local.file_match.pod_logs.targets
  forward_to = [loki.process.pod_logs.receiver]
}

loki.process "pod_logs" {
  stage.cri {}
  forward_to = [loki.write.default.receiver]
}

loki.write "default" {
  endpoint {
    url = "${LOKI_PUSH_URL}"
  }
}
`;

export function alloyValues(): Record<string, unknown> {
  return {
    controller: { type: "daemonset", tolerations: TOLERATE_EVERYTHING },
    alloy: {
      configMap: { create: true, content: ALLOY_LOG_PIPELINE },
      mounts: { varlog: true },
      extraEnv: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
    },
  };
}

export const alloyGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "monitoring",
    chartApplication({
      name: "alloy",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.monitoring,
      destinationNamespace: names.namespaces.system,
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.system),
      chart: "alloy",
      values: alloyValues(),
    }),
  ),
];
