import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { argoCdLinkerFlags, BINARY_NAMES, binaryPaths, componentBuilds, TOOLS_MODULE, versionLinkerFlags } from "../../src/local/binaries.js";
import { CHARTS } from "../../src/versions.js";

describe("versionLinkerFlags", () => {
  it("GIVEN a Kubernetes version WHEN stamping THEN both version packages get the version, major, minor and a fixed build date", () => {
    expect(versionLinkerFlags("v1.35.4")).toBe(
      [
        "-X k8s.io/component-base/version.gitVersion=v1.35.4",
        "-X k8s.io/component-base/version.gitMajor=1",
        "-X k8s.io/component-base/version.gitMinor=35",
        "-X k8s.io/component-base/version.gitTreeState=clean",
        "-X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z",
        "-X k8s.io/client-go/pkg/version.gitVersion=v1.35.4",
        "-X k8s.io/client-go/pkg/version.gitMajor=1",
        "-X k8s.io/client-go/pkg/version.gitMinor=35",
        "-X k8s.io/client-go/pkg/version.gitTreeState=clean",
        "-X k8s.io/client-go/pkg/version.buildDate=1970-01-01T00:00:00Z",
      ].join(" "),
    );
  });

  it("GIVEN something that is not a version WHEN stamping THEN it refuses", () => {
    expect(() => versionLinkerFlags("1.35")).toThrow("not a Kubernetes version: 1.35");
  });
});

describe("binaryPaths", () => {
  it("GIVEN a cache folder WHEN listing binaries THEN every component, kwok's stage file and Argo CD's CRDs and scripts are in it", () => {
    expect(binaryPaths("/cache/bin")).toEqual({
      etcd: "/cache/bin/etcd",
      "kube-apiserver": "/cache/bin/kube-apiserver",
      "kube-controller-manager": "/cache/bin/kube-controller-manager",
      "kube-scheduler": "/cache/bin/kube-scheduler",
      kwok: "/cache/bin/kwok",
      "metrics-server": "/cache/bin/metrics-server",
      "rollouts-controller": "/cache/bin/rollouts-controller",
      argocd: "/cache/bin/argocd",
      karpenter: "/cache/bin/karpenter",
      "prometheus-adapter": "/cache/bin/prometheus-adapter",
      kwokConfig: "/cache/bin/kwok-stages.yaml",
      argoCdCrds: "/cache/bin/argocd-crds.yaml",
      argoCdScripts: "/cache/bin/argocd-scripts",
    });
  });
});

describe("the prometheus-adapter module", () => {
  it("GIVEN tools/localcp/prometheus-adapter WHEN read THEN it requires the adapter at the pinned chart's appVersion, so the local adapter is the one EKS runs", () => {
    const goMod = readFileSync(join(TOOLS_MODULE, "prometheus-adapter", "go.mod"), "utf8");
    expect(goMod).toMatch(new RegExp(`\tsigs\\.k8s\\.io/prometheus-adapter ${CHARTS.prometheusAdapter.appVersion.replaceAll(".", "\\.")}( |\n)`));
    expect(goMod).toContain("tool sigs.k8s.io/prometheus-adapter/cmd/adapter\n");
  });
});

describe("argoCdLinkerFlags", () => {
  it("GIVEN Argo CD's version WHEN stamping THEN its common package gets the version without the v, the tag and a fixed build date", () => {
    expect(argoCdLinkerFlags("v3.6.1")).toBe(
      "-X github.com/argoproj/argo-cd/v3/common.version=3.6.1 -X github.com/argoproj/argo-cd/v3/common.gitTag=v3.6.1 -X github.com/argoproj/argo-cd/v3/common.buildDate=1970-01-01T00:00:00Z -X github.com/argoproj/argo-cd/v3/common.gitTreeState=clean",
    );
  });
});

describe("componentBuilds", () => {
  it("GIVEN the build list the host and cross builds share WHEN listing its binaries THEN every binary of the control plane is built exactly once", () => {
    const names = componentBuilds().flatMap((build) => build.binaries.map((binary) => binary.name));
    expect([...names].sort()).toEqual([...BINARY_NAMES].sort());
  });

  it("GIVEN a published module (kwok, metrics-server) WHEN listed THEN it is pinned to a version and its packages live in that module", () => {
    for (const build of componentBuilds()) {
      if (!("path" in build.module)) continue;
      expect(build.module.version).toMatch(/^v\d+\.\d+\.\d+/);
      for (const binary of build.binaries) expect(binary.pkg.startsWith(`${build.module.path}/`) || binary.pkg === build.module.path).toBe(true);
    }
  });
});
