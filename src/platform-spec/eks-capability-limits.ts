/**
 * Limits of the EKS managed Argo CD capability, in a module of their own: synth
 * (argocd-spec.ts, gitops/argocd/eks-capability.ts) and `slipway check`'s
 * argocd-capability rules read the same number, and the checker loads it without the
 * spec's zod schemas.
 */

/** Most Applications the EKS managed Argo CD capability manages (EKS user guide, Argo CD considerations). */
export const EKS_CAPABILITY_MAX_APPLICATIONS = 1_000;
