/** A valid `argocd.mode: eks-capability` spec, shared by the tests of that mode. */
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";

export const CAPABILITY_SPEC: PlatformSpecInput = {
  argocd: {
    mode: "eks-capability",
    identityCenter: { instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", region: "us-east-1" },
    rbacRoleMappings: [
      { role: "ADMIN", identities: [{ id: "906753d0c1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", type: "SSO_GROUP" }] },
      { role: "VIEWER", identities: [{ id: "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5e", type: "SSO_USER" }] },
    ],
  },
};
