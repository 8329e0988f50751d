/**
 * The typed view of a pod the checks read, and the reader that builds it from untrusted
 * JSON. Upstream checks read a decoded `corev1.PodSpec`; this is the subset of it they
 * use, with Go's decoding rules: a missing string is "", a missing list is empty, a
 * missing pointer is undefined. A field of the wrong type is read as missing — whether the
 * document is well formed is the schema rule's business, never a reason to crash here.
 */
import { asRecord, asString } from "../rules/support/json.js";

export interface PodMetadata {
  readonly annotations: Readonly<Record<string, string>>;
}

export interface SELinuxOptions {
  readonly user: string;
  readonly role: string;
  readonly type: string;
  readonly level: string;
}

/** A seccomp or AppArmor profile: only its type matters to the checks. */
export interface ProfileSetting {
  readonly type: string;
}

export interface WindowsOptions {
  readonly hostProcess?: boolean;
}

export interface PodSecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seLinuxOptions?: SELinuxOptions;
  readonly seccompProfile?: ProfileSetting;
  readonly appArmorProfile?: ProfileSetting;
  readonly windowsOptions?: WindowsOptions;
  readonly sysctls: readonly { readonly name: string }[];
}

export interface Capabilities {
  readonly add: readonly string[];
  readonly drop: readonly string[];
}

export interface SecurityContext {
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly capabilities?: Capabilities;
  readonly procMount?: string;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seLinuxOptions?: SELinuxOptions;
  readonly seccompProfile?: ProfileSetting;
  readonly appArmorProfile?: ProfileSetting;
  readonly windowsOptions?: WindowsOptions;
}

/** A probe or lifecycle handler: only the hosts it targets matter. */
export interface HostHandler {
  readonly httpGet?: { readonly host: string };
  readonly tcpSocket?: { readonly host: string };
}

export interface ContainerPort {
  readonly containerPort: number;
  readonly hostPort: number;
}

export interface Container {
  readonly name: string;
  readonly ports: readonly ContainerPort[];
  readonly securityContext?: SecurityContext;
  readonly livenessProbe?: HostHandler;
  readonly readinessProbe?: HostHandler;
  readonly startupProbe?: HostHandler;
  readonly lifecycle?: { readonly postStart?: HostHandler; readonly preStop?: HostHandler };
}

export interface Volume {
  readonly name: string;
  /** Volume source fields that are set (non-null), e.g. `hostPath`, `emptyDir`. */
  readonly sources: ReadonlySet<string>;
}

export interface PodSpec {
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly hostUsers?: boolean;
  readonly os?: { readonly name: string };
  readonly securityContext?: PodSecurityContext;
  readonly volumes: readonly Volume[];
  readonly initContainers: readonly Container[];
  readonly containers: readonly Container[];
  readonly ephemeralContainers: readonly Container[];
}

type JsonObject = Readonly<Record<string, unknown>>;

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function asInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

function asList<T>(value: unknown, read: (item: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const items: T[] = [];
  for (const item of value) {
    const read_ = read(item);
    if (read_ !== undefined) items.push(read_);
  }
  return items;
}

/** Go decodes a missing or null nested object as a nil pointer: `read` runs only on objects. */
function optional<T>(value: unknown, read: (object: JsonObject) => T): T | undefined {
  const object = asRecord(value);
  return object === undefined ? undefined : read(object);
}

function readSELinuxOptions(object: JsonObject): SELinuxOptions {
  return {
    user: asString(object.user) ?? "",
    role: asString(object.role) ?? "",
    type: asString(object.type) ?? "",
    level: asString(object.level) ?? "",
  };
}

function readProfile(object: JsonObject): ProfileSetting {
  return { type: asString(object.type) ?? "" };
}

function readWindowsOptions(object: JsonObject): WindowsOptions {
  return { hostProcess: asBoolean(object.hostProcess) };
}

function readPodSecurityContext(object: JsonObject): PodSecurityContext {
  return {
    runAsNonRoot: asBoolean(object.runAsNonRoot),
    runAsUser: asInteger(object.runAsUser),
    seLinuxOptions: optional(object.seLinuxOptions, readSELinuxOptions),
    seccompProfile: optional(object.seccompProfile, readProfile),
    appArmorProfile: optional(object.appArmorProfile, readProfile),
    windowsOptions: optional(object.windowsOptions, readWindowsOptions),
    sysctls: asList(object.sysctls, (item) => optional(item, (sysctl) => ({ name: asString(sysctl.name) ?? "" }))),
  };
}

function readSecurityContext(object: JsonObject): SecurityContext {
  return {
    allowPrivilegeEscalation: asBoolean(object.allowPrivilegeEscalation),
    privileged: asBoolean(object.privileged),
    capabilities: optional(object.capabilities, (capabilities) => ({
      add: asList(capabilities.add, asString),
      drop: asList(capabilities.drop, asString),
    })),
    procMount: asString(object.procMount),
    runAsNonRoot: asBoolean(object.runAsNonRoot),
    runAsUser: asInteger(object.runAsUser),
    seLinuxOptions: optional(object.seLinuxOptions, readSELinuxOptions),
    seccompProfile: optional(object.seccompProfile, readProfile),
    appArmorProfile: optional(object.appArmorProfile, readProfile),
    windowsOptions: optional(object.windowsOptions, readWindowsOptions),
  };
}

function readHostHandler(object: JsonObject): HostHandler {
  const readHost = (action: JsonObject) => ({ host: asString(action.host) ?? "" });
  return { httpGet: optional(object.httpGet, readHost), tcpSocket: optional(object.tcpSocket, readHost) };
}

function readContainer(value: unknown): Container | undefined {
  return optional(value, (object) => ({
    name: asString(object.name) ?? "",
    ports: asList(object.ports, (port) =>
      optional(port, (p) => ({ containerPort: asInteger(p.containerPort) ?? 0, hostPort: asInteger(p.hostPort) ?? 0 })),
    ),
    securityContext: optional(object.securityContext, readSecurityContext),
    livenessProbe: optional(object.livenessProbe, readHostHandler),
    readinessProbe: optional(object.readinessProbe, readHostHandler),
    startupProbe: optional(object.startupProbe, readHostHandler),
    lifecycle: optional(object.lifecycle, (lifecycle) => ({
      postStart: optional(lifecycle.postStart, readHostHandler),
      preStop: optional(lifecycle.preStop, readHostHandler),
    })),
  }));
}

function readVolume(value: unknown): Volume | undefined {
  return optional(value, (object) => {
    const sources = new Set<string>();
    for (const [key, source] of Object.entries(object)) {
      if (key !== "name" && asRecord(source) !== undefined) sources.add(key);
    }
    return { name: asString(object.name) ?? "", sources };
  });
}

/** Reads a pod spec from any JSON value; a non-object reads as an empty spec. */
export function readPodSpec(value: unknown): PodSpec {
  const object = asRecord(value) ?? {};
  return {
    hostNetwork: asBoolean(object.hostNetwork) ?? false,
    hostPID: asBoolean(object.hostPID) ?? false,
    hostIPC: asBoolean(object.hostIPC) ?? false,
    hostUsers: asBoolean(object.hostUsers),
    os: optional(object.os, (os) => ({ name: asString(os.name) ?? "" })),
    securityContext: optional(object.securityContext, readPodSecurityContext),
    volumes: asList(object.volumes, readVolume),
    initContainers: asList(object.initContainers, readContainer),
    containers: asList(object.containers, readContainer),
    ephemeralContainers: asList(object.ephemeralContainers, readContainer),
  };
}

/** Reads the annotations of pod (or pod template) metadata; values that are not strings are dropped. */
export function readPodMetadata(value: unknown): PodMetadata {
  const raw = asRecord(asRecord(value)?.annotations) ?? {};
  // fromEntries defines own properties, so a key such as `__proto__` stays plain data.
  const annotations = Object.fromEntries(
    Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  return { annotations };
}
