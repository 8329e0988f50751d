/**
 * argocd.mode eks-capability on the AWS side: the managed Argo CD capability, its role
 * trusted by the EKS capabilities service, the Identity Center sign-in and role
 * mappings from the spec, on a cluster in API authentication mode; cdk-nag stays clean.
 */
import { App } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { EKS_CAPABILITIES_PRINCIPAL } from "../../src/cdk/argocd-capability.js";
import { addPlatformStack, platformAppProps } from "../../src/cdk/synthesize-infrastructure.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";
import { platformTemplate, resourcesOf } from "./platform-template.js";

describe("GIVEN argocd.mode eks-capability", () => {
  const { template } = platformTemplate(CAPABILITY_SPEC);

  it("WHEN the stack is synthesized THEN an ARGOCD capability keeps its objects in argocd, signs in through the Identity Center instance and maps the spec's roles", () => {
    const [capability] = resourcesOf(template, "AWS::EKS::Capability");
    expect(capability!.Properties).toMatchObject({
      CapabilityName: "argocd",
      Type: "ARGOCD",
      DeletePropagationPolicy: "RETAIN",
      Configuration: {
        ArgoCd: {
          Namespace: "argocd",
          AwsIdc: { IdcInstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", IdcRegion: "us-east-1" },
          RbacRoleMappings: [
            { Role: "ADMIN", Identities: [{ Id: "906753d0c1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", Type: "SSO_GROUP" }] },
            { Role: "VIEWER", Identities: [{ Id: "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5e", Type: "SSO_USER" }] },
          ],
        },
      },
    });
    expect(JSON.stringify(capability!.Properties.ClusterName)).toContain("Cluster");
  });

  it("WHEN the capability role is read THEN only the EKS capabilities service may assume it (AssumeRole and TagSession) and it has no permissions", () => {
    const [role] = resourcesOf(template, "AWS::IAM::Role").filter((candidate) => candidate.Properties.RoleName === "production-cluster-argocd-capability");
    expect(role!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: ["sts:AssumeRole", "sts:TagSession"], Effect: "Allow", Principal: { Service: EKS_CAPABILITIES_PRINCIPAL } },
    ]);
    expect(role!.Properties.Policies).toBeUndefined();
    expect(role!.Properties.ManagedPolicyArns).toBeUndefined();
    const [capability] = resourcesOf(template, "AWS::EKS::Capability");
    expect(JSON.stringify(capability!.Properties.RoleArn)).toContain("ArgoCdCapabilityRole");
  });

  it("WHEN the cluster is read THEN it is in API authentication mode, which the capability requires", () => {
    const [cluster] = resourcesOf(template, "AWS::EKS::Cluster");
    expect(cluster!.Properties.AccessConfig.AuthenticationMode).toBe("API");
  });

  it("WHEN the spec has no Grafana or application host THEN no ACM certificate is made: AWS serves the managed Argo CD at its own URL", () => {
    expect(resourcesOf(template, "AWS::CertificateManager::Certificate")).toEqual([]);
    expect(Object.keys(template.findOutputs("*"))).not.toEqual(expect.arrayContaining(["ArgoCdCertificateArn"]));
    expect(Object.keys(template.findOutputs("*"))).not.toEqual(expect.arrayContaining(["PublicHostsCertificateArn"]));
  });

  it("WHEN the spec has Grafana and application hosts THEN the certificate covers exactly those, not the Argo CD host", () => {
    const { template: withHosts, stack } = platformTemplate({
      ...CAPABILITY_SPEC,
      monitoring: { ...CAPABILITY_SPEC.monitoring, grafana: { host: "grafana.example.com" } },
      applications: { "api-server": { namespace: "production", host: "api.example.com" } },
    });
    const [certificate] = resourcesOf(withHosts, "AWS::CertificateManager::Certificate");
    expect(certificate!.Properties.DomainName).toBe("api.example.com");
    expect(certificate!.Properties.SubjectAlternativeNames).toEqual(["grafana.example.com"]);
    expect(JSON.stringify(certificate!.Properties)).not.toContain(stack.names.argocdHost);
    expect(Object.keys(withHosts.findOutputs("*"))).toContain("PublicHostsCertificateArn");
  });

  it("WHEN no Identity Center region is given THEN the platform's region is used", () => {
    const { template: defaulted } = platformTemplate({ argocd: { ...CAPABILITY_SPEC.argocd, identityCenter: { instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef" } } });
    expect(resourcesOf(defaulted, "AWS::EKS::Capability")[0]!.Properties.Configuration.ArgoCd.AwsIdc.IdcRegion).toBe("eu-west-1");
  });

  it("WHEN cdk-nag's AwsSolutions pack checks it THEN nothing is left unacknowledged", () => {
    const app = new App(platformAppProps());
    const stack = addPlatformStack(app, parseSpec(CAPABILITY_SPEC, "test"), { nagChecks: false });
    const report = new AwsSolutionsChecks(app).validateScope(stack);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe("GIVEN argocd.mode self-managed (the default)", () => {
  it("WHEN the stack is synthesized THEN there is no capability and no capability role", () => {
    const { template } = platformTemplate({});
    template.resourceCountIs("AWS::EKS::Capability", 0);
    expect(resourcesOf(template, "AWS::IAM::Role").filter((role) => role.Properties.RoleName === "production-cluster-argocd-capability")).toEqual([]);
  });
});
