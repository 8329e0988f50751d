/**
 * The API server sets defaults before pod-security admission sees an object, so a
 * manifest is judged as it will be stored. Two defaults change verdicts:
 * - a volume with no source this API knows becomes an `emptyDir` (SetDefaults_Volume);
 * - with `hostNetwork: true`, each container port's hostPort defaults to its containerPort
 *   (SetDefaults_PodSpec) — for Pods only since Kubernetes 1.28, when the
 *   DefaultHostNetworkHostPortsInPodTemplates gate stopped it for pod templates.
 */
import type { Container, PodSpec, Volume } from "./pod-spec.js";

const VOLUME_SOURCES: ReadonlySet<string> = new Set([
  "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "configMap", "csi", "downwardAPI", "emptyDir",
  "ephemeral", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "image", "iscsi",
  "nfs", "persistentVolumeClaim", "photonPersistentDisk", "portworxVolume", "projected", "quobyte", "rbd", "scaleIO",
  "secret", "storageos", "vsphereVolume",
]);

function defaultVolume(volume: Volume): Volume {
  if ([...volume.sources].some((source) => VOLUME_SOURCES.has(source))) return volume;
  return { ...volume, sources: new Set(["emptyDir"]) };
}

function defaultHostNetworkPorts(container: Container): Container {
  if (!container.ports.some((port) => port.hostPort === 0)) return container;
  return {
    ...container,
    ports: container.ports.map((port) => (port.hostPort === 0 ? { ...port, hostPort: port.containerPort } : port)),
  };
}

export interface DefaultingOptions {
  /** True for a Pod, false for a pod template (Deployment, Job...). */
  readonly isPod: boolean;
}

export function applyApiServerDefaults(podSpec: PodSpec, options: DefaultingOptions): PodSpec {
  const defaultPorts = options.isPod && podSpec.hostNetwork;
  return {
    ...podSpec,
    volumes: podSpec.volumes.map(defaultVolume),
    // Ephemeral containers are not defaulted: they are added later through their own subresource.
    initContainers: defaultPorts ? podSpec.initContainers.map(defaultHostNetworkPorts) : podSpec.initContainers,
    containers: defaultPorts ? podSpec.containers.map(defaultHostNetworkPorts) : podSpec.containers,
  };
}
