/**
 * Every public host of the platform names one thing. Applications' hosts and Grafana's are
 * rules of the shared ALB (one IngressGroup), and a self-managed Argo CD has its own ALB
 * at `gitops.argocdHost`: two rules for the same host and path on one ALB conflict (the
 * AWS Load Balancer Controller keeps one and the other application is unreachable), and
 * one DNS name cannot point at two load balancers. Hosts compare case-insensitively, as
 * DNS does; a wildcard (`*.example.com`) and a host under it are distinct rules, which the
 * ALB orders, so they are allowed.
 */

export interface PublicHostsSpec {
  readonly argocd: { readonly mode: string };
  readonly gitops: { readonly argocdHost: string };
  readonly monitoring: { readonly grafana: { readonly host?: string | undefined } };
  readonly applications: Readonly<Record<string, { readonly host?: string | undefined }>>;
}

export interface PublicHostProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function publicHostProblems(spec: PublicHostsSpec): PublicHostProblem[] {
  const owners: { readonly host: string; readonly path: readonly string[] }[] = [];
  if (spec.argocd.mode === "self-managed") owners.push({ host: spec.gitops.argocdHost, path: ["gitops", "argocdHost"] });
  if (spec.monitoring.grafana.host !== undefined) owners.push({ host: spec.monitoring.grafana.host, path: ["monitoring", "grafana", "host"] });
  for (const [name, application] of Object.entries(spec.applications)) {
    if (application.host !== undefined) owners.push({ host: application.host, path: ["applications", name, "host"] });
  }
  const first = new Map<string, readonly string[]>();
  const problems: PublicHostProblem[] = [];
  for (const { host, path } of owners) {
    const key = host.toLowerCase();
    const previous = first.get(key);
    if (previous === undefined) {
      first.set(key, path);
      continue;
    }
    problems.push({
      path,
      message: `${host} is already the host of ${previous.join(".")}; each public host serves one thing (two rules for one host on the shared ALB conflict, and one DNS name cannot point at two load balancers), so give this one its own host`,
    });
  }
  return problems;
}
