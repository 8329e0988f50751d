import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { APPLICATION_HEALTH_LUA, ARGOCD_VALUES_PATH, argocdValuesGenerator } from "../../../src/gitops/argocd/argocd-values.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";

function valuesFile(input: unknown) {
  const spec = parseSpec(input, "test");
  const [file] = argocdValuesGenerator({ spec, names: platformNames(spec) });
  if (file === undefined || isManifestFile(file)) throw new Error("expected one text file");
  return file;
}

describe("Argo CD bootstrap values", () => {
  it("GIVEN the reference spec THEN the values file names the pinned chart and parses as YAML", () => {
    const file = valuesFile({});
    expect(file.path).toBe(ARGOCD_VALUES_PATH);
    expect(file.content.split("\n")[0]).toBe("# Helm values of argo-cd 10.7.0 (Argo CD v3.5.2) from https://argoproj.github.io/argo-helm.");
    expect(parse(file.content)).toBeTypeOf("object");
  });

  it("GIVEN the reference spec THEN the server is behind an internet-facing ALB on HTTPS 443 with target type ip and no certificate ARN", () => {
    const values = parse(valuesFile({}).content);
    expect(values.server.ingress).toMatchObject({
      enabled: true,
      controller: "aws",
      ingressClassName: "alb",
      hostname: "argocd.example.com",
      tls: true,
      aws: { serviceType: "ClusterIP", backendProtocolVersion: "GRPC" },
    });
    const annotations = values.server.ingress.annotations as Record<string, string>;
    expect(annotations["alb.ingress.kubernetes.io/scheme"]).toBe("internet-facing");
    expect(annotations["alb.ingress.kubernetes.io/target-type"]).toBe("ip");
    expect(annotations["alb.ingress.kubernetes.io/listen-ports"]).toBe('[{"HTTPS":443}]');
    expect(Object.keys(annotations).filter((key) => key.includes("certificate-arn"))).toEqual([]);
    expect(values.configs.params["server.insecure"]).toBe(true);
  });

  it("GIVEN the reference spec THEN the Application health check is restored so sync waves wait for child Applications", () => {
    const values = parse(valuesFile({}).content);
    expect(values.configs.cm["resource.customizations.health.argoproj.io_Application"]).toBe(APPLICATION_HEALTH_LUA);
    expect(APPLICATION_HEALTH_LUA).toContain("hs.status = obj.status.health.status");
  });

  it("GIVEN the reference spec THEN every component runs on the system nodes and tolerates CriticalAddonsOnly", () => {
    const values = parse(valuesFile({}).content);
    expect(values.global.nodeSelector).toEqual({ role: "system" });
    expect(values.global.tolerations).toEqual([{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }]);
  });

  it("GIVEN a custom Argo CD host THEN the domain and ingress host follow it", () => {
    const values = parse(valuesFile({ gitops: { argocdHost: "deploy.acme.io" } }).content);
    expect(values.global.domain).toBe("deploy.acme.io");
    expect(values.server.ingress.hostname).toBe("deploy.acme.io");
  });
});
