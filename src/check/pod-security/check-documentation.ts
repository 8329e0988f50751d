/**
 * What each check's rule tells users: one line for the generated rule documentation and
 * one sentence of remediation, keyed by upstream's check id. The registry test proves
 * every check has an entry and every entry a check.
 */
export interface CheckDocumentation {
  readonly description: string;
  readonly remediation: string;
}

export const CHECK_DOCUMENTATION: Readonly<Record<string, CheckDocumentation>> = {
  allowPrivilegeEscalation: {
    description: "Containers must set securityContext.allowPrivilegeEscalation=false (restricted, v1.8+; Windows pods exempt from v1.25).",
    remediation: "Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.",
  },
  appArmorProfile: {
    description: "AppArmor profiles may only be RuntimeDefault or Localhost, in fields and in the beta annotations (baseline).",
    remediation: "Remove the AppArmor override, or set appArmorProfile.type to RuntimeDefault or Localhost.",
  },
  capabilities_baseline: {
    description: "Containers may only add capabilities from the default set (baseline).",
    remediation: "Remove capabilities beyond the default set (such as NET_RAW or SYS_ADMIN) from securityContext.capabilities.add.",
  },
  capabilities_restricted: {
    description: 'Containers must drop ALL capabilities and may only add NET_BIND_SERVICE (restricted, v1.22+; Windows pods exempt from v1.25).',
    remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back at most NET_BIND_SERVICE.',
  },
  hostNamespaces: {
    description: "Pods must not share the host's network, PID or IPC namespace (baseline).",
    remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false.",
  },
  hostPathVolumes: {
    description: "Pods must not mount hostPath volumes (baseline).",
    remediation: "Replace the hostPath volume with an emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim.",
  },
  hostPorts: {
    description: "Containers must not bind host ports (baseline).",
    remediation: "Remove hostPort from the container ports and expose the pod through a Service.",
  },
  hostProbesAndHostLifecycle: {
    description: "Probes and lifecycle handlers must not target another host (baseline, v1.34+).",
    remediation: "Remove the host field from httpGet and tcpSocket probes and lifecycle handlers, so they target the pod itself.",
  },
  privileged: {
    description: "Containers must not run privileged (baseline).",
    remediation: "Remove securityContext.privileged or set it to false.",
  },
  procMount: {
    description: "Containers must keep the default /proc masks, unless the pod runs in a user namespace from v1.35 (baseline).",
    remediation: "Remove securityContext.procMount or set it to Default (or run the pod with hostUsers: false under v1.35+ baseline).",
  },
  procMount_restricted: {
    description: "Containers must keep the default /proc masks, even in a user namespace (restricted, v1.35+).",
    remediation: "Remove securityContext.procMount or set it to Default.",
  },
  restrictedVolumes: {
    description: "Pods may only use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes (restricted).",
    remediation: "Replace the volume with one of the allowed types, for example a persistentVolumeClaim for network storage.",
  },
  runAsNonRoot: {
    description: "Pods must set runAsNonRoot=true, unless they run in a user namespace from v1.35 (restricted).",
    remediation: "Set securityContext.runAsNonRoot: true on the pod (or on every container) and use an image with a non-root user.",
  },
  runAsUser: {
    description: "Pods and containers must not set runAsUser=0, unless they run in a user namespace from v1.35 (restricted, v1.23+).",
    remediation: "Set runAsUser to a non-zero user id, or remove it and rely on the image's non-root user.",
  },
  seLinuxOptions: {
    description: "SELinux type may only be a container type, and user and role must not be set (baseline).",
    remediation: "Remove seLinuxOptions.user and role, and use an allowed type such as container_t.",
  },
  seccompProfile_baseline: {
    description: "Seccomp profiles, when set, may only be RuntimeDefault or Localhost (baseline; annotations before v1.19).",
    remediation: "Set seccompProfile.type to RuntimeDefault or Localhost instead of Unconfined.",
  },
  seccompProfile_restricted: {
    description: "Pods must set a RuntimeDefault or Localhost seccomp profile (restricted, v1.19+; Windows pods exempt from v1.25).",
    remediation: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod.",
  },
  sysctls: {
    description: "Pods may only set sysctls from the safe set of their policy version (baseline).",
    remediation: "Remove the unsafe sysctls from securityContext.sysctls, or move the workload to a namespace that allows them.",
  },
  windowsHostProcess: {
    description: "Pods must not run Windows HostProcess containers (baseline).",
    remediation: "Remove securityContext.windowsOptions.hostProcess or set it to false.",
  },
};
