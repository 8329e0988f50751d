/**
 * Which Argo CD AppProject deploys into a namespace. A namespace owned by a team belongs
 * to the team's AppProject (named after the team), so the team's source repositories and
 * destinations bound what its Applications may do; an unowned namespace is the platform's.
 */
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";

export function projectOfNamespace(spec: PlatformSpec, namespace: string): string {
  return spec.namespaces[namespace]?.team ?? PLATFORM_PROJECT;
}
