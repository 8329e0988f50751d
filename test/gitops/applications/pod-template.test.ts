import { describe, expect, it } from "vitest";
import { applicationImage, podTemplate, topologySpreadConstraints } from "../../../src/gitops/applications/pod-template.js";
import { SlipwayError } from "../../../src/errors.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";

const spec = parseSpec({}, "test");
const names = platformNames(spec);
const template = podTemplate("api-server", spec.applications["api-server"]!, spec, names);
const pod = template.spec!;
const container = pod.containers[0]!;

describe("podTemplate security", () => {
  it("GIVEN the reference api-server WHEN built THEN the pod runs as non-root user 10001 with the RuntimeDefault seccomp profile", () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } });
  });

  it.each([
    { field: "allowPrivilegeEscalation", value: false },
    { field: "capabilities", value: { drop: ["ALL"] } },
    { field: "readOnlyRootFilesystem", value: true },
    { field: "runAsNonRoot", value: true },
    { field: "runAsUser", value: 10001 },
    { field: "seccompProfile", value: { type: "RuntimeDefault" } },
  ])("GIVEN Pod Security restricted WHEN the container is built THEN securityContext.$field is $value", ({ field, value }) => {
    expect((container.securityContext as Record<string, unknown>)[field]).toEqual(value);
  });

  it("GIVEN a read-only root filesystem WHEN built THEN /tmp is a size-limited emptyDir and the pod mounts no service account token", () => {
    expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
    expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe("api-server");
  });
});

describe("podTemplate container", () => {
  it("GIVEN the reference api-server WHEN built THEN the image is its ECR repository at v1.0.0 with the spec's requests and limits", () => {
    expect(container.image).toBe("111122223333.dkr.ecr.eu-west-1.amazonaws.com/production-cluster/api-server:v1.0.0");
    expect(container.resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
  });

  it("GIVEN the reference api-server WHEN built THEN ports are named, probes read /ready and /healthz on http and DATABASE_URL comes from the Secret", () => {
    expect(container.ports).toEqual([
      { name: "http", containerPort: 8080, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
    ]);
    expect(container.readinessProbe).toEqual({ httpGet: { path: "/ready", port: "http" }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
    expect(container.livenessProbe).toEqual({ httpGet: { path: "/healthz", port: "http" }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 });
    expect(container.env).toEqual([{ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "api-server-env", key: "DATABASE_URL" } } }]);
  });

  it("GIVEN an image given in the spec WHEN built THEN it is used with the spec's tag", () => {
    const custom = parseSpec({ applications: { web: { namespace: "production", image: "ghcr.io/acme/web", imageTag: "2024.11.3" } } }, "test");
    expect(applicationImage("web", custom.applications.web!, platformNames(custom))).toBe("ghcr.io/acme/web:2024.11.3");
  });

  it("GIVEN the tag latest WHEN the image is built THEN a SPEC_INVALID error names the field and the fix", () => {
    const custom = parseSpec({ applications: { web: { namespace: "production", imageTag: "latest" } } }, "test");
    let error: unknown;
    try {
      applicationImage("web", custom.applications.web!, platformNames(custom));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).render()).toBe(
      [
        'error SPEC_INVALID: application "web" uses the mutable image tag "latest"',
        "  where: applications.web.imageTag",
        "  fix: set an immutable tag such as a version or a commit SHA (CI updates it on every release)",
      ].join("\n"),
    );
  });
});

describe("topologySpreadConstraints", () => {
  it("GIVEN the reference 4:1 split WHEN built THEN pods spread evenly over the 5 capacity-spread values (DoNotSchedule, minDomains 5) and softly over zones", () => {
    expect(pod.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: "slipway.io/capacity-spread",
        whenUnsatisfiable: "DoNotSchedule",
        minDomains: 5,
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "api-server" } },
      },
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "api-server" } },
      },
    ]);
  });

  it.each([
    { spot: 1, onDemand: 1, minDomains: 2 },
    { spot: 3, onDemand: 2, minDomains: 5 },
    { spot: 0, onDemand: 3, minDomains: 3 },
  ])("GIVEN a $spot:$onDemand split WHEN built THEN minDomains is $minDomains", ({ spot, onDemand, minDomains }) => {
    const custom = parseSpec({ karpenter: { capacitySplit: { spot, onDemand } } }, "test");
    expect(topologySpreadConstraints("api-server", custom)[0]).toMatchObject({ topologyKey: "slipway.io/capacity-spread", minDomains });
  });

  it("GIVEN Karpenter disabled WHEN built THEN only the zone spread remains (no node would carry the capacity-spread label)", () => {
    const custom = parseSpec({ karpenter: { enabled: false } }, "test");
    expect(topologySpreadConstraints("api-server", custom).map((constraint) => constraint.topologyKey)).toEqual(["topology.kubernetes.io/zone"]);
  });
});
