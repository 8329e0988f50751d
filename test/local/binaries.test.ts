import { describe, expect, it } from "vitest";
import { binaryPaths, versionLinkerFlags } from "../../src/local/binaries.js";

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
  it("GIVEN a cache folder WHEN listing binaries THEN every component and kwok's stage file are in it", () => {
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
      kwokConfig: "/cache/bin/kwok-stages.yaml",
    });
  });
});
