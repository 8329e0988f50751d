/**
 * `argocd`: the mode switch and the Identity Center sign-in of the managed capability.
 * Every wrong input is a SPEC_INVALID problem naming its field, why and the fix.
 */
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";
import { specProblems } from "../support/spec-problems.js";

const ADMIN = { role: "ADMIN", identities: [{ id: "906753d0c1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", type: "SSO_GROUP" }] };
const INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";

function capability(argocd: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return { ...extra, argocd: { mode: "eks-capability", identityCenter: { instanceArn: INSTANCE }, rbacRoleMappings: [ADMIN], ...argocd } };
}

describe("GIVEN the argocd section", () => {
  it("WHEN it is left out THEN Argo CD is self-managed with no sign-in settings", () => {
    expect(parseSpec({}, "test").argocd).toEqual({ mode: "self-managed", rbacRoleMappings: [] });
  });

  it("WHEN the capability spec is parsed THEN its fields are kept as given", () => {
    expect(parseSpec(CAPABILITY_SPEC, "test").argocd).toEqual(CAPABILITY_SPEC.argocd);
  });

  it.each<[string, unknown, string]>([
    ["an unknown mode", { argocd: { mode: "managed" } }, 'argocd.mode: must be one of "self-managed", "eks-capability"'],
    ["eks-capability without Identity Center", { argocd: { mode: "eks-capability", rbacRoleMappings: [ADMIN] } }, "argocd.identityCenter: is required when argocd.mode is eks-capability: the managed Argo CD signs users in only through AWS Identity Center; give instanceArn (aws sso-admin list-instances)"],
    ["eks-capability without an ADMIN mapping", capability({ rbacRoleMappings: [{ ...ADMIN, role: "VIEWER" }] }), "argocd.rbacRoleMappings: needs an ADMIN mapping: without one no Identity Center user can manage the managed Argo CD"],
    ["eks-capability with no mapping at all", capability({ rbacRoleMappings: [] }), "argocd.rbacRoleMappings: needs an ADMIN mapping"],
    ["an instance ARN that is an IAM role", capability({ identityCenter: { instanceArn: "arn:aws:iam::111122223333:role/admin" } }), "argocd.identityCenter.instanceArn: must be an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef"],
    ["an instance ARN with a shell payload", capability({ identityCenter: { instanceArn: `${INSTANCE}; rm -rf /` } }), "argocd.identityCenter.instanceArn: must be an IAM Identity Center instance ARN"],
    ["an instance of another partition", capability({ identityCenter: { instanceArn: "arn:aws-cn:sso:::instance/ssoins-1234567890abcdef" } }), "argocd.identityCenter.instanceArn: is in partition aws-cn but the platform's region is in aws; use an Identity Center instance of the same partition"],
    ["an Identity Center region that is not a region", capability({ identityCenter: { instanceArn: INSTANCE, region: "Europe" } }), "argocd.identityCenter.region: must be an AWS region such as eu-west-1"],
    ["an unknown Identity Center field", capability({ identityCenter: { instanceArn: INSTANCE, applicationArn: "x" } }), "argocd.identityCenter.applicationArn: unknown field; allowed fields: instanceArn, region"],
    ["an unknown Argo CD role", capability({ rbacRoleMappings: [ADMIN, { ...ADMIN, role: "OWNER" }] }), 'argocd.rbacRoleMappings[1].role: must be one of "ADMIN", "EDITOR", "VIEWER"'],
    ["a user name instead of an Identity Store id", capability({ rbacRoleMappings: [{ role: "ADMIN", identities: [{ id: "alice", type: "SSO_USER" }] }] }), "argocd.rbacRoleMappings[0].identities[0].id: must be an Identity Store user or group id"],
    ["an identity type IAM does not have", capability({ rbacRoleMappings: [{ role: "ADMIN", identities: [{ id: ADMIN.identities[0]!.id, type: "IAM_ROLE" }] }] }), 'argocd.rbacRoleMappings[0].identities[0].type: must be one of "SSO_USER", "SSO_GROUP"'],
    ["a mapping with no identity", capability({ rbacRoleMappings: [ADMIN, { role: "VIEWER", identities: [] }] }), "argocd.rbacRoleMappings[1].identities: must have >= 1 item(s)"],
    ["a role mapped twice", capability({ rbacRoleMappings: [ADMIN, ADMIN] }), "argocd.rbacRoleMappings[1].role: ADMIN is already mapped at rbacRoleMappings[0]; list all its identities in that one entry"],
    ["an identity listed twice in a role", capability({ rbacRoleMappings: [{ role: "ADMIN", identities: [ADMIN.identities[0], ADMIN.identities[0]] }] }), "argocd.rbacRoleMappings[0].identities[1].id: 906753d0c1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d is listed twice for ADMIN"],
    ["Identity Center settings on a self-managed Argo CD", { argocd: { identityCenter: { instanceArn: INSTANCE } } }, "argocd.identityCenter: is used only when argocd.mode is eks-capability; set mode: eks-capability or remove it"],
    ["role mappings on a self-managed Argo CD", { argocd: { mode: "self-managed", rbacRoleMappings: [ADMIN] } }, "argocd.rbacRoleMappings: is used only when argocd.mode is eks-capability"],
  ])("WHEN it has %s THEN the spec is refused naming the field", (_, raw, expected) => {
    expect(specProblems(raw).join("\n")).toContain(expected);
  });

  it("WHEN several argocd problems are present THEN all are reported at once", () => {
    expect(specProblems({ argocd: { mode: "eks-capability", rbacRoleMappings: [{ ...ADMIN, role: "VIEWER" }, { ...ADMIN, role: "VIEWER" }] } })).toHaveLength(3);
  });
});
