/**
 * Argo CD sync waves of the root Application's children. Lower waves are synced and
 * healthy before higher ones start, so an add-on that owns CRDs is always installed
 * before any object that uses them. (Argo CD waits on child Applications' health only
 * with the Application health check the bootstrap values turn on.)
 */
export const SYNC_WAVES = {
  /**
   * Argo CD projects, in the first wave: the platform project every add-on names is applied
   * by the deploy step before the root Application (root-application.ts), and the teams'
   * projects are named only from the applications wave on. A wave of their own cost every
   * sync of the root one more round of Argo CD's wave handling (about 3 s).
   */
  projects: -25,
  /**
   * cert-manager alone, before every other controller: the AWS Load Balancer Controller's
   * and kube-prometheus-stack's Applications hold cert-manager Certificates and Issuers for
   * their webhooks, so their CRDs
   * and cert-manager's own webhook must be serving first (a later wave is what guarantees
   * it; `SkipDryRunOnMissingResource` would only postpone the failure to apply time).
   */
  certificates: -25,
  /** Controllers the rest depends on (load balancer, Karpenter, storage): they own CRDs. */
  systemControllers: -20,
  /** Platform add-ons that own CRDs: External Secrets, Rollouts, CSI. */
  platformControllers: -10,
  /** Objects using the CRDs above: NodePools, ClusterSecretStore, StorageClass, ExternalSecrets. */
  platformConfiguration: 0,
  /** Monitoring back ends and collectors that use the platform's storage and secrets. */
  monitoring: 10,
  /**
   * Team namespaces, quotas and network policies, beside the monitoring stack: they need
   * nothing from it nor it from them, and the applications after them need both. (A wave
   * of their own cost every platform sync one more round of Argo CD's wave handling, 5–10 s.)
   */
  tenancy: 10,
  /** Team applications. */
  applications: 30,
} as const;

export type SyncWave = (typeof SYNC_WAVES)[keyof typeof SYNC_WAVES];
