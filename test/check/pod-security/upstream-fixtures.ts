/**
 * Upstream pod-security-admission's own fixtures (k8s.io/pod-security-admission v0.37.2,
 * test/fixtures*.go), ported: the minimal valid pod per level and version, and per check
 * the generators that tweak it into pods that must pass and pods that must fail. The
 * enumeration below follows upstream's test/run.go and fixtures_test.go: every level,
 * every policy version from v1.0 to v1.37, every check that applies there, with the
 * generator registered for the nearest older version. Upstream serialises exactly these
 * pods into test/testdata (4,537 files); `enumerateUpstreamCases` yields the same cases.
 */
// Pods are free-form JSON here (`any`), mutated the way upstream mutates its Go structs.

export type Pod = { metadata: { annotations?: Record<string, string> }; spec: any };
type Level = "baseline" | "restricted";

export const NEWEST_MINOR_VERSION_TO_TEST = 37;
/** Upstream renders Linux and Windows variants of the restricted base pod from this version. */
const POD_OS_BASED_RESTRICTION_ENABLED_VERSION = 29;

function tweak(pod: Pod, mutate: (copy: Pod) => void): Pod {
  const copy = structuredClone(pod);
  mutate(copy);
  return copy;
}

function ensureSecurityContext(pod: Pod): Pod {
  const copy = structuredClone(pod);
  copy.spec.securityContext ??= {};
  for (const container of [...copy.spec.containers, ...copy.spec.initContainers]) container.securityContext ??= {};
  return copy;
}

function ensureSELinuxOptions(pod: Pod): Pod {
  const copy = ensureSecurityContext(pod);
  copy.spec.securityContext.seLinuxOptions ??= {};
  for (const container of [...copy.spec.containers, ...copy.spec.initContainers]) container.securityContext.seLinuxOptions ??= {};
  return copy;
}

function ensureCapabilities(pod: Pod): Pod {
  const copy = ensureSecurityContext(pod);
  for (const container of [...copy.spec.containers, ...copy.spec.initContainers]) container.securityContext.capabilities ??= {};
  return copy;
}

function ensureAnnotation(pod: Pod): Pod {
  pod.metadata.annotations ??= {};
  return pod;
}

const withOs = (pod: Pod, name: string) => tweak(pod, (p) => (p.spec.os = { name }));

// Minimal valid pods, per level, keyed by the version they start at.
const baselineV1Dot0: Pod = {
  metadata: {},
  spec: {
    initContainers: [{ name: "initcontainer1", image: "registry.k8s.io/pause" }],
    containers: [{ name: "container1", image: "registry.k8s.io/pause" }],
  },
};
const restrictedV1Dot0 = tweak(baselineV1Dot0, (p) => (p.spec.securityContext = { runAsNonRoot: true }));
const restrictedV1Dot8 = tweak(restrictedV1Dot0, (p) => {
  p.spec.containers[0].securityContext = { allowPrivilegeEscalation: false };
  p.spec.initContainers[0].securityContext = { allowPrivilegeEscalation: false };
});
const restrictedV1Dot19 = tweak(restrictedV1Dot8, (p) => {
  delete p.metadata.annotations;
  p.spec.securityContext.seccompProfile = { type: "RuntimeDefault" };
});
const restrictedV1Dot22 = tweak(restrictedV1Dot19, (p) => {
  p.spec.containers[0].securityContext.capabilities = { drop: ["ALL"] };
  p.spec.initContainers[0].securityContext.capabilities = { drop: ["ALL"] };
});

const MINIMAL_VALID_PODS: Record<Level, Map<number, Pod>> = {
  baseline: new Map([[0, baselineV1Dot0]]),
  restricted: new Map([[0, restrictedV1Dot0], [8, restrictedV1Dot8], [19, restrictedV1Dot19], [22, restrictedV1Dot22], [25, restrictedV1Dot22]]),
};
const MINIMAL_VALID_LINUX_PODS = new Map(
  [...MINIMAL_VALID_PODS.restricted].map(([version, pod]) => [version, withOs(pod, "linux")] as const),
);
// None of the restricted requirements added from v1.0 to v1.25 apply to explicitly Windows pods.
const MINIMAL_VALID_WINDOWS_PODS = new Map<number, Pod>([
  ...[...MINIMAL_VALID_PODS.restricted].filter(([version]) => version < 25).map(([version, pod]) => [version, withOs(pod, "windows")] as const),
  [25, withOs(restrictedV1Dot0, "windows")],
]);

function nearest<T>(byVersion: ReadonlyMap<number, T>, version: number): T {
  for (let v = version; v >= 0; v--) {
    const found = byVersion.get(v);
    if (found !== undefined) return found;
  }
  throw new Error(`nothing registered at or before v1.${version}`);
}

export function minimalValidPod(level: Level, version: number): Pod {
  return structuredClone(nearest(MINIMAL_VALID_PODS[level], version));
}

interface FixtureGenerator {
  /** Substring the API server's error must contain; the check id when unset. */
  readonly expectErrorSubstring?: string;
  readonly generatePass: (pod: Pod, level: Level) => Pod[];
  readonly generateFail: (pod: Pod) => Pod[];
}

const generators = new Map<string, Map<number, FixtureGenerator>>();

function register(level: Level, version: number, checkId: string, generator: FixtureGenerator): void {
  // A baseline generator is registered for restricted too, as upstream does.
  for (const at of level === "baseline" ? (["baseline", "restricted"] as const) : ([level] as const)) {
    const key = `${at}/${checkId}`;
    if (!generators.has(key)) generators.set(key, new Map());
    generators.get(key)!.set(version, generator);
  }
}

register("restricted", 8, "allowPrivilegeEscalation", {
  generatePass: () => [],
  generateFail: (p) => {
    if (p.spec.os?.name === "windows") return [];
    return [
      tweak(p, (c) => (c.spec.containers[0].securityContext.allowPrivilegeEscalation = true)),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.allowPrivilegeEscalation = true)),
      tweak(p, (c) => delete c.spec.containers[0].securityContext.allowPrivilegeEscalation),
      tweak(p, (c) => delete c.spec.containers[0].securityContext),
    ];
  },
});

const APP_ARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
register("baseline", 0, "appArmorProfile", {
  expectErrorSubstring: "forbidden AppArmor profile",
  generatePass: (pod) => {
    pod = ensureAnnotation(pod);
    return [
      tweak(pod, (c) => {
        const containerName = c.spec.containers[0].name;
        c.metadata.annotations![APP_ARMOR_PREFIX + containerName] = "runtime/default";
        // Upstream names the container, not the init container, here: the second write wins.
        const initContainerName = c.spec.containers[0].name;
        c.metadata.annotations![APP_ARMOR_PREFIX + initContainerName] = "localhost/foo";
      }),
    ];
  },
  generateFail: (pod) => {
    pod = ensureAnnotation(pod);
    return [
      tweak(pod, (c) => (c.metadata.annotations![APP_ARMOR_PREFIX + c.spec.containers[0].name] = "unconfined")),
      tweak(pod, (c) => (c.metadata.annotations![APP_ARMOR_PREFIX + c.spec.initContainers[0].name] = "unconfined")),
    ];
  },
});

const DEFAULT_CAPABILITIES = [
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
];
register("baseline", 0, "capabilities_baseline", {
  expectErrorSubstring: "capabilities",
  generatePass: (p) => {
    // No fixtures when the minimal valid pod already drops ALL.
    if ((p.spec.containers[0].securityContext?.capabilities?.drop ?? []).includes("ALL")) return [];
    p = ensureCapabilities(p);
    return [
      tweak(p, (c) => {
        c.spec.containers[0].securityContext.capabilities.add = [...DEFAULT_CAPABILITIES];
        c.spec.initContainers[0].securityContext.capabilities.add = [...DEFAULT_CAPABILITIES];
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureCapabilities(p);
    return [
      tweak(p, (c) => (c.spec.containers[0].securityContext.capabilities.add = ["NET_RAW"])),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.capabilities.add = ["NET_RAW"])),
      tweak(p, (c) => (c.spec.containers[0].securityContext.capabilities.add = ["chown"])),
      tweak(p, (c) => (c.spec.containers[0].securityContext.capabilities.add = ["CAP_CHOWN"])),
    ];
  },
});

const EVERY_CAPABILITY_BUT_ALL = [
  "SYS_TIME", "SYS_MODULE", "SYS_RAWIO", "SYS_PACCT", "SYS_ADMIN", "SYS_NICE",
  "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "AUDIT_WRITE",
  "AUDIT_CONTROL", "MAC_OVERRIDE", "MAC_ADMIN", "NET_ADMIN", "SYSLOG",
  "CHOWN", "NET_RAW", "DAC_OVERRIDE", "FOWNER", "DAC_READ_SEARCH",
  "FSETID", "KILL", "SETGID", "SETUID", "LINUX_IMMUTABLE", "NET_BIND_SERVICE",
  "NET_BROADCAST", "IPC_LOCK", "IPC_OWNER", "SYS_CHROOT", "SYS_PTRACE",
  "SYS_BOOT", "LEASE", "SETFCAP", "WAKE_ALARM", "BLOCK_SUSPEND",
];
register("restricted", 22, "capabilities_restricted", {
  expectErrorSubstring: "unrestricted capabilities",
  generatePass: (p) => {
    p = ensureCapabilities(p);
    return [
      tweak(p, (c) => {
        c.spec.containers[0].securityContext.capabilities.drop = ["ALL"];
        c.spec.initContainers[0].securityContext.capabilities.drop = ["ALL"];
        c.spec.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE"];
        c.spec.initContainers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE"];
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureCapabilities(p);
    return [
      tweak(p, (c) => (c.spec.containers[0].securityContext.capabilities.drop = [])),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.capabilities.drop = [])),
      tweak(p, (c) => {
        c.spec.containers[0].securityContext.capabilities.drop = [...EVERY_CAPABILITY_BUT_ALL];
        c.spec.initContainers[0].securityContext.capabilities.drop = [...EVERY_CAPABILITY_BUT_ALL];
      }),
      tweak(p, (c) => {
        c.spec.containers[0].securityContext.capabilities.drop = ["ALL"];
        c.spec.initContainers[0].securityContext.capabilities.drop = ["ALL"];
        c.spec.containers[0].securityContext.capabilities.add = [...DEFAULT_CAPABILITIES];
        c.spec.initContainers[0].securityContext.capabilities.add = [...DEFAULT_CAPABILITIES];
      }),
    ];
  },
});

register("baseline", 0, "hostNamespaces", {
  expectErrorSubstring: "host namespaces",
  generatePass: () => [],
  generateFail: (p) => [
    tweak(p, (c) => (c.spec.hostIPC = true)),
    tweak(p, (c) => (c.spec.hostNetwork = true)),
    tweak(p, (c) => (c.spec.hostPID = true)),
  ],
});

register("baseline", 0, "hostPathVolumes", {
  expectErrorSubstring: "hostPath",
  generatePass: () => [],
  generateFail: (p) => [
    tweak(p, (c) => {
      c.spec.volumes = [
        { name: "volume-emptydir", emptyDir: {} },
        { name: "volume-hostpath", hostPath: { path: "/a" } },
      ];
    }),
    tweak(p, (c) => {
      c.spec.volumes = [
        { name: "volume-hostpath-a", hostPath: { path: "/a" } },
        { name: "volume-hostpath-b", hostPath: { path: "/b" } },
      ];
    }),
  ],
});

register("baseline", 0, "hostPorts", {
  expectErrorSubstring: "hostPort",
  generatePass: (p) => [
    tweak(p, (c) => {
      c.spec.containers[0].ports = [{ containerPort: 12345 }];
      c.spec.initContainers[0].ports = [{ containerPort: 12346 }];
    }),
  ],
  generateFail: (p) => [
    tweak(p, (c) => (c.spec.containers[0].ports = [{ containerPort: 12345, hostPort: 12345 }])),
    tweak(p, (c) => (c.spec.initContainers[0].ports = [{ containerPort: 12346, hostPort: 12346 }])),
    tweak(p, (c) => {
      c.spec.containers[0].ports = [{ containerPort: 12345, hostPort: 12345 }, { containerPort: 12347 }];
      c.spec.initContainers[0].ports = [{ containerPort: 12346, hostPort: 12346 }, { containerPort: 12348 }];
    }),
  ],
});

register("baseline", 34, "hostProbesAndHostLifecycle", {
  expectErrorSubstring: "probe or lifecycle host",
  generatePass: (p) => [
    p, // A pod with no probes passes.
    tweak(p, (c) => (c.spec.containers[0].livenessProbe = { httpGet: { port: 8080 } })),
    tweak(p, (c) => (c.spec.containers[0].readinessProbe = { tcpSocket: { port: 8080 } })),
  ],
  generateFail: (p) => [
    tweak(p, (c) => (c.spec.containers[0].livenessProbe = { httpGet: { host: "bad.host", port: 8080 } })),
    tweak(p, (c) => {
      c.spec.initContainers[0].restartPolicy = "Always";
      c.spec.initContainers[0].readinessProbe = { tcpSocket: { host: "8.8.8.8", port: 8080 } };
    }),
    tweak(p, (c) => (c.spec.containers[0].lifecycle = { postStart: { httpGet: { host: "bad.host", port: 8080 } } })),
    tweak(p, (c) => (c.spec.containers[0].livenessProbe = { httpGet: { host: "127.0.0.1", port: 8080 } })),
    tweak(p, (c) => (c.spec.containers[0].readinessProbe = { tcpSocket: { host: "::1", port: 8080 } })),
  ],
});

register("baseline", 0, "privileged", {
  generatePass: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => {
        c.spec.containers[0].securityContext.privileged = false;
        c.spec.initContainers[0].securityContext.privileged = false;
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => {
        c.spec.containers[0].securityContext.privileged = true;
        delete c.spec.containers[0].securityContext.allowPrivilegeEscalation;
      }),
      tweak(p, (c) => {
        c.spec.initContainers[0].securityContext.privileged = true;
        delete c.spec.initContainers[0].securityContext.allowPrivilegeEscalation;
      }),
    ];
  },
});

const setProcMount = (c: Pod, containers: "containers" | "initContainers" | "both", procMount: string, hostUsers: boolean) => {
  if (containers !== "initContainers") c.spec.containers[0].securityContext.procMount = procMount;
  if (containers !== "containers") c.spec.initContainers[0].securityContext.procMount = procMount;
  c.spec.hostUsers = hostUsers;
};
register("baseline", 0, "procMount", {
  expectErrorSubstring: "procMount",
  generatePass: (p) => [tweak(ensureSecurityContext(p), (c) => setProcMount(c, "both", "Default", false))],
  generateFail: (p) => [
    tweak(ensureSecurityContext(p), (c) => setProcMount(c, "containers", "Unmasked", false)),
    tweak(ensureSecurityContext(p), (c) => setProcMount(c, "initContainers", "Unmasked", false)),
  ],
});
register("baseline", 35, "procMount", {
  expectErrorSubstring: "procMount",
  generatePass: (p, level) => {
    p = ensureSecurityContext(p);
    const pods = [tweak(p, (c) => setProcMount(c, "both", "Default", false))];
    if (level !== "restricted") pods.push(tweak(p, (c) => setProcMount(c, "both", "Unmasked", false)));
    return pods;
  },
  // The only pods that fail the v1.35 baseline check also fail API validation (Unmasked needs hostUsers: false).
  generateFail: (p) => [
    tweak(ensureSecurityContext(p), (c) => setProcMount(c, "containers", "Unmasked", true)),
    tweak(ensureSecurityContext(p), (c) => setProcMount(c, "initContainers", "Unmasked", true)),
  ],
});
register("restricted", 35, "procMount_restricted", {
  expectErrorSubstring: "procMount",
  generatePass: (p) => [tweak(ensureSecurityContext(p), (c) => setProcMount(c, "both", "Default", false))],
  generateFail: (p) => [
    tweak(ensureSecurityContext(p), (c) => setProcMount(c, "containers", "Unmasked", false)),
    tweak(ensureSecurityContext(p), (c) => setProcMount(c, "initContainers", "Unmasked", false)),
  ],
});

const RESTRICTED_VOLUME_SOURCES: readonly Record<string, unknown>[] = [
  { gcePersistentDisk: { pdName: "test" } },
  { awsElasticBlockStore: { volumeID: "test" } },
  { gitRepo: { repository: "github.com/kubernetes/kubernetes" } },
  { nfs: { server: "test", path: "/test" } },
  { iscsi: { targetPortal: "test", iqn: "iqn.2001-04.com.example:storage.kube.sys1.xyz", lun: 0 } },
  { glusterfs: { path: "test", endpoints: "test" } },
  { rbd: { monitors: ["test"], image: "test" } },
  { flexVolume: { driver: "test" } },
  { cinder: { volumeID: "test" } },
  { cephfs: { monitors: ["test"] } },
  { flocker: { datasetName: "test" } },
  { fc: { wwids: ["test"] } },
  { azureFile: { secretName: "test", shareName: "test" } },
  { vsphereVolume: { volumePath: "test" } },
  { quobyte: { registry: "localhost:1234", volume: "test" } },
  { azureDisk: { diskName: "test", diskURI: "https://test.blob.core.windows.net/test/test.vhd" } },
  { portworxVolume: { volumeID: "test", fsType: "ext4" } },
  { scaleIO: { volumeName: "test", gateway: "localhost", system: "test" } },
  { storageos: { volumeName: "test" } },
  { hostPath: { path: "/dev/null" } },
];
register("restricted", 0, "restrictedVolumes", {
  expectErrorSubstring: "restricted volume types",
  generatePass: (p) => [
    tweak(p, (c) => {
      c.spec.volumes = [
        { name: "volume0" }, // no source: the API server defaults it to an emptyDir
        { name: "volume1", emptyDir: {} },
        { name: "volume2", secret: { secretName: "test" } },
        { name: "volume3", persistentVolumeClaim: { claimName: "test" } },
        { name: "volume4", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
        { name: "volume5", configMap: { name: "test" } },
        { name: "volume6", projected: { sources: [] } },
      ];
    }),
  ],
  generateFail: (p) => RESTRICTED_VOLUME_SOURCES.map((source) => tweak(p, (c) => (c.spec.volumes = [{ name: "volume1", ...source }]))),
});

register("restricted", 0, "runAsNonRoot", {
  generatePass: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => {
        c.spec.securityContext.runAsNonRoot = true;
        delete c.spec.containers[0].securityContext.runAsNonRoot;
        delete c.spec.initContainers[0].securityContext.runAsNonRoot;
      }),
      tweak(p, (c) => {
        delete c.spec.securityContext.runAsNonRoot;
        c.spec.containers[0].securityContext.runAsNonRoot = true;
        c.spec.initContainers[0].securityContext.runAsNonRoot = true;
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => {
        delete c.spec.securityContext.runAsNonRoot;
        delete c.spec.containers[0].securityContext.runAsNonRoot;
        delete c.spec.initContainers[0].securityContext.runAsNonRoot;
      }),
      tweak(p, (c) => (c.spec.securityContext.runAsNonRoot = false)),
      tweak(p, (c) => (c.spec.containers[0].securityContext.runAsNonRoot = false)),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.runAsNonRoot = false)),
    ];
  },
});

register("restricted", 23, "runAsUser", {
  generatePass: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => {
        c.spec.securityContext.runAsUser = 1000;
        c.spec.containers[0].securityContext.runAsUser = 1000;
        c.spec.initContainers[0].securityContext.runAsUser = 1000;
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => (c.spec.securityContext.runAsUser = 0)),
      tweak(p, (c) => (c.spec.containers[0].securityContext.runAsUser = 0)),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.runAsUser = 0)),
    ];
  },
});

register("baseline", 0, "seLinuxOptions", {
  expectErrorSubstring: "seLinuxOptions",
  generatePass: (p) => {
    p = ensureSELinuxOptions(p);
    return [
      tweak(p, (c) => {
        delete c.spec.securityContext.seLinuxOptions;
        delete c.spec.containers[0].securityContext.seLinuxOptions;
        c.spec.initContainers[0].securityContext.seLinuxOptions = {};
      }),
      tweak(p, (c) => {
        c.spec.securityContext.seLinuxOptions.type = "container_t";
        c.spec.containers[0].securityContext.seLinuxOptions.type = "container_init_t";
        c.spec.initContainers[0].securityContext.seLinuxOptions.type = "container_kvm_t";
        c.spec.securityContext.seLinuxOptions.level = "";
        c.spec.containers[0].securityContext.seLinuxOptions.level = "somevalue";
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureSELinuxOptions(p);
    return [
      tweak(p, (c) => (c.spec.securityContext.seLinuxOptions.type = "somevalue")),
      tweak(p, (c) => (c.spec.containers[0].securityContext.seLinuxOptions.type = "somevalue")),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.seLinuxOptions.type = "somevalue")),
      tweak(p, (c) => (c.spec.securityContext.seLinuxOptions.user = "somevalue")),
      tweak(p, (c) => (c.spec.securityContext.seLinuxOptions.role = "somevalue")),
    ];
  },
});

const SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
const seccompContainerAnnotation = (container: { name: string }) => `container.seccomp.security.alpha.kubernetes.io/${container.name}`;
register("baseline", 0, "seccompProfile_baseline", {
  expectErrorSubstring: "seccompProfile",
  generatePass: (p) => {
    if (p.metadata.annotations?.[SECCOMP_POD_ANNOTATION] === "runtime/default") return [];
    p = ensureAnnotation(p);
    return [
      tweak(p, (c) => {
        c.metadata.annotations![SECCOMP_POD_ANNOTATION] = "runtime/default";
        c.metadata.annotations![seccompContainerAnnotation(c.spec.containers[0])] = "localhost/testing";
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureAnnotation(p);
    return [
      tweak(p, (c) => (c.metadata.annotations![SECCOMP_POD_ANNOTATION] = "unconfined")),
      tweak(p, (c) => (c.metadata.annotations![seccompContainerAnnotation(c.spec.containers[0])] = "unconfined")),
      tweak(p, (c) => (c.metadata.annotations![seccompContainerAnnotation(c.spec.initContainers[0])] = "unconfined")),
    ];
  },
});
register("baseline", 19, "seccompProfile_baseline", {
  expectErrorSubstring: "seccompProfile",
  generatePass: (p) => {
    if (p.spec.securityContext?.seccompProfile?.type === "RuntimeDefault") return [];
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => {
        c.spec.securityContext.seccompProfile = { type: "RuntimeDefault" };
        c.spec.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => (c.spec.securityContext.seccompProfile = { type: "Unconfined" })),
      tweak(p, (c) => (c.spec.containers[0].securityContext.seccompProfile = { type: "Unconfined" })),
      tweak(p, (c) => (c.spec.initContainers[0].securityContext.seccompProfile = { type: "Unconfined" })),
    ];
  },
});

register("restricted", 19, "seccompProfile_restricted", {
  expectErrorSubstring: "seccompProfile",
  generatePass: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => (c.spec.securityContext.seccompProfile = { type: "RuntimeDefault" })),
      tweak(p, (c) => (c.spec.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "testing" })),
      tweak(p, (c) => {
        delete c.spec.securityContext.seccompProfile;
        c.spec.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
        c.spec.initContainers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "testing" };
      }),
    ];
  },
  generateFail: (p) => {
    p = ensureSecurityContext(p);
    return [
      tweak(p, (c) => delete c.spec.securityContext.seccompProfile),
      tweak(p, (c) => (c.spec.securityContext.seccompProfile = { type: "Unconfined" })),
      tweak(p, (c) => {
        delete c.spec.securityContext.seccompProfile;
        c.spec.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
      }),
      tweak(p, (c) => {
        delete c.spec.securityContext.seccompProfile;
        c.spec.initContainers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
      }),
      tweak(p, (c) => {
        delete c.spec.securityContext.seccompProfile;
        c.spec.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
        c.spec.initContainers[0].securityContext.seccompProfile = { type: "Unconfined" };
      }),
    ];
  },
});

function sysctlGenerator(passing: readonly [string, string][]): FixtureGenerator {
  const ensure = (p: Pod) => {
    p.spec.securityContext ??= {};
    return p;
  };
  return {
    expectErrorSubstring: "forbidden sysctl",
    generatePass: (p) => {
      p = ensure(p);
      return [
        tweak(p, (c) => delete c.spec.securityContext.sysctls),
        tweak(p, (c) => (c.spec.securityContext.sysctls = passing.map(([name, value]) => ({ name, value })))),
      ];
    },
    generateFail: (p) => [tweak(ensure(p), (c) => (c.spec.securityContext.sysctls = [{ name: "othersysctl", value: "other" }]))],
  };
}
const SYSCTLS_V1_DOT_0: [string, string][] = [
  ["kernel.shm_rmid_forced", "0"],
  ["net.ipv4.ip_local_port_range", "1024 65535"],
  ["net.ipv4.tcp_syncookies", "0"],
  ["net.ipv4.ping_group_range", "1 0"],
  ["net.ipv4.ip_unprivileged_port_start", "1024"],
];
const SYSCTLS_V1_DOT_27: [string, string][] = [...SYSCTLS_V1_DOT_0, ["net.ipv4.ip_local_reserved_ports", "1024-4999"]];
register("baseline", 0, "sysctls", sysctlGenerator(SYSCTLS_V1_DOT_0));
register("baseline", 27, "sysctls", sysctlGenerator(SYSCTLS_V1_DOT_27));
register("baseline", 29, "sysctls", sysctlGenerator([
  ...SYSCTLS_V1_DOT_27,
  ["net.ipv4.tcp_keepalive_time", "7200"],
  ["net.ipv4.tcp_fin_timeout", "60"],
  ["net.ipv4.tcp_keepalive_intvl", "75"],
  ["net.ipv4.tcp_keepalive_probes", "9"],
]));
register("baseline", 32, "sysctls", sysctlGenerator([["net.ipv4.tcp_rmem", "4096 87380 16777216"], ["net.ipv4.tcp_wmem", "4096 65536 16777216"]]));
register("baseline", 37, "sysctls", sysctlGenerator([["net.ipv4.tcp_slow_start_after_idle", "0"], ["net.ipv4.tcp_notsent_lowat", "16384"]]));

register("baseline", 0, "windowsHostProcess", {
  expectErrorSubstring: "hostProcess",
  generatePass: () => [],
  generateFail: (p) => {
    p = ensureSecurityContext(p);
    p.spec.securityContext.windowsOptions ??= {};
    p.spec.containers[0].securityContext.windowsOptions ??= {};
    p.spec.initContainers[0].securityContext.windowsOptions ??= {};
    return [
      tweak(p, (c) => {
        c.spec.hostNetwork = true;
        c.spec.securityContext.windowsOptions.hostProcess = true;
      }),
      tweak(p, (c) => {
        c.spec.hostNetwork = true;
        c.spec.containers[0].securityContext.windowsOptions.hostProcess = true;
        c.spec.initContainers[0].securityContext.windowsOptions.hostProcess = true;
      }),
    ];
  },
});

export interface UpstreamCase {
  /** Upstream's testdata path: `restricted/v1.25/fail/runasnonroot1`. */
  readonly name: string;
  readonly level: Level;
  readonly version: number;
  readonly checkId?: string;
  readonly expectAllowed: boolean;
  /** For failing cases: a substring the API server's message must contain. */
  readonly expectErrorSubstring?: string;
  readonly pod: Pod;
}

interface CheckVersions {
  readonly id: string;
  readonly level: Level;
  readonly versions: readonly { readonly minimumVersion: number }[];
}

/** Every case of upstream's fixtures, enumerated as upstream's TestFixtures does. */
export function* enumerateUpstreamCases(checks: readonly CheckVersions[]): Generator<UpstreamCase> {
  for (const level of ["baseline", "restricted"] as const) {
    for (let version = 0; version <= NEWEST_MINOR_VERSION_TO_TEST; version++) {
      const at = (outcome: "pass" | "fail", file: string) => `${level}/v1.${version}/${outcome}/${file}`;
      const base = minimalValidPod(level, version);
      yield { name: at("pass", "base"), level, version, expectAllowed: true, pod: base };
      if (level === "restricted" && version >= POD_OS_BASED_RESTRICTION_ENABLED_VERSION) {
        yield { name: at("pass", "base_linux"), level, version, expectAllowed: true, pod: structuredClone(nearest(MINIMAL_VALID_LINUX_PODS, version)) };
        yield { name: at("pass", "base_windows"), level, version, expectAllowed: true, pod: structuredClone(nearest(MINIMAL_VALID_WINDOWS_PODS, version)) };
      }
      const applicable = checks.filter(
        (check) => version >= (check.versions[0]?.minimumVersion ?? Infinity) && (check.level === level || level === "restricted"),
      );
      for (const check of applicable) {
        const generator = nearest(generators.get(`${level}/${check.id}`) ?? new Map(), version);
        const file = check.id.toLowerCase();
        const pass = generator.generatePass(minimalValidPod(level, version), level);
        const fail = generator.generateFail(minimalValidPod(level, version));
        for (const [index, pod] of pass.entries()) {
          yield { name: at("pass", `${file}${index}`), level, version, checkId: check.id, expectAllowed: true, pod };
        }
        for (const [index, pod] of fail.entries()) {
          yield {
            name: at("fail", `${file}${index}`),
            level,
            version,
            checkId: check.id,
            expectAllowed: false,
            expectErrorSubstring: generator.expectErrorSubstring ?? check.id,
            pod,
          };
        }
      }
    }
  }
}
