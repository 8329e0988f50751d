/**
 * `argocd`: who runs Argo CD. `self-managed` (the default) installs the pinned argo-cd
 * chart with `slipway bootstrap`; `eks-capability` has the CDK app create the EKS managed
 * Argo CD capability, which runs on AWS's side, signs users in only through AWS Identity
 * Center, and maps Identity Center users and groups to its three built-in roles
 * (ADMIN, EDITOR, VIEWER). Field names follow the EKS API (ArgoCdConfigRequest:
 * awsIdc.idcInstanceArn, idcRegion, rbacRoleMappings) so the AWS documentation applies.
 */
import { z } from "zod";

export const ARGOCD_MODES = ["self-managed", "eks-capability"] as const;

export { EKS_CAPABILITY_MAX_APPLICATIONS } from "./eks-capability-limits.js";
export type ArgoCdMode = (typeof ARGOCD_MODES)[number];

/** IAM Identity Center's instance ARN grammar (sso-admin API: InstanceArn). */
export const IDENTITY_CENTER_INSTANCE_ARN_PATTERN = /^arn:(aws|aws-us-gov|aws-cn):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
/** Identity Store user and group ids (identitystore API: UserId, GroupId). */
export const IDENTITY_STORE_ID_PATTERN = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;

const identity = z.strictObject({
  id: z
    .string()
    .regex(IDENTITY_STORE_ID_PATTERN, "must be an Identity Store user or group id such as 906753d0c1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d (aws identitystore list-users / list-groups)")
    .describe("Identity Store id of the user or group."),
  type: z.enum(["SSO_USER", "SSO_GROUP"]).describe("SSO_USER or SSO_GROUP."),
});

const roleMapping = z.strictObject({
  role: z.enum(["ADMIN", "EDITOR", "VIEWER"]).describe("Argo CD built-in role of the capability."),
  identities: z.array(identity).min(1).describe("Identity Center users and groups given the role."),
});

export const argocdSpec = z
  .strictObject({
    mode: z
      .enum(ARGOCD_MODES)
      .default("self-managed")
      .describe("self-managed: slipway bootstrap installs Argo CD from its chart. eks-capability: the CDK app creates the EKS managed Argo CD capability (Identity Center sign-in, at most 1,000 Applications, Applications only in its namespace, no config management plugins)."),
    identityCenter: z
      .strictObject({
        instanceArn: z
          .string()
          .regex(IDENTITY_CENTER_INSTANCE_ARN_PATTERN, "must be an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef (aws sso-admin list-instances)")
          .describe("IAM Identity Center instance users sign in to the managed Argo CD with."),
        region: z
          .string()
          .regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, "must be an AWS region such as eu-west-1")
          .optional()
          .describe("Region of the Identity Center instance (default: aws.region)."),
      })
      .optional()
      .describe("eks-capability only, and required there: the Identity Center sign-in of the managed Argo CD."),
    rbacRoleMappings: z
      .array(roleMapping)
      .default([])
      .describe("eks-capability only: Identity Center users and groups per Argo CD role; at least one ADMIN."),
  })
  .prefault({})
  .describe("Who runs Argo CD: Slipway's bootstrap (self-managed) or the EKS managed capability.");

export type ArgoCdSpec = z.output<typeof argocdSpec>;

export interface ArgoCdSpecProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Cross-field rules of `argocd`, given the platform's partition. */
export function argocdSpecProblems(argocd: ArgoCdSpec, partition: string): ArgoCdSpecProblem[] {
  const problems: ArgoCdSpecProblem[] = [];
  if (argocd.mode === "self-managed") {
    for (const field of ["identityCenter", "rbacRoleMappings"] as const) {
      const set = field === "identityCenter" ? argocd.identityCenter !== undefined : argocd.rbacRoleMappings.length > 0;
      if (set) problems.push({ path: ["argocd", field], message: "is used only when argocd.mode is eks-capability; set mode: eks-capability or remove it (a self-managed Argo CD signs in through its own settings)" });
    }
    return problems;
  }
  if (argocd.identityCenter === undefined) {
    problems.push({
      path: ["argocd", "identityCenter"],
      message: "is required when argocd.mode is eks-capability: the managed Argo CD signs users in only through AWS Identity Center; give instanceArn (aws sso-admin list-instances)",
    });
  } else {
    const arnPartition = argocd.identityCenter.instanceArn.split(":")[1];
    if (arnPartition !== partition) {
      problems.push({ path: ["argocd", "identityCenter", "instanceArn"], message: `is in partition ${arnPartition} but the platform's region is in ${partition}; use an Identity Center instance of the same partition` });
    }
  }
  const seenRoles = new Map<string, number>();
  argocd.rbacRoleMappings.forEach((mapping, index) => {
    const previous = seenRoles.get(mapping.role);
    if (previous !== undefined) {
      problems.push({ path: ["argocd", "rbacRoleMappings", index, "role"], message: `${mapping.role} is already mapped at rbacRoleMappings[${previous}]; list all its identities in that one entry` });
    } else seenRoles.set(mapping.role, index);
    const seenIdentities = new Set<string>();
    mapping.identities.forEach((entry, identityIndex) => {
      if (seenIdentities.has(entry.id)) problems.push({ path: ["argocd", "rbacRoleMappings", index, "identities", identityIndex, "id"], message: `${entry.id} is listed twice for ${mapping.role}` });
      seenIdentities.add(entry.id);
    });
  });
  if (!seenRoles.has("ADMIN")) {
    problems.push({
      path: ["argocd", "rbacRoleMappings"],
      message: "needs an ADMIN mapping: without one no Identity Center user can manage the managed Argo CD; add { role: ADMIN, identities: [{ id: <user or group id>, type: SSO_GROUP }] }",
    });
  }
  return problems;
}
