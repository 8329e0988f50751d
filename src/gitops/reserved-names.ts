/**
 * Names the platform itself generates, so the spec can refuse a user's name that would
 * collide with one (an application called `cert-manager` would overwrite the add-on's
 * Application; a tenant namespace `kube-system` would get restricted Pod Security and a
 * default-deny policy that blocks cluster DNS). Everything here is read from the
 * generators' own constants, never copied: a new add-on or platform folder is reserved
 * the moment it exists.
 */
import { PLATFORM_NAMESPACES } from "../platform-spec/names.js";
import { ADDON_NAMES } from "./addons/catalog.js";
import { ROOT_APPLICATION } from "./argocd/root-application.js";
import { PLATFORM_PROJECT } from "./argocd/app-projects.js";
import { PLATFORM_FOLDER_APPLICATIONS } from "./platform/platform-folders.js";
import { TENANCY_FOLDER } from "./tenancy/tenancy-generator.js";
import { podSecurityLabels, TEAM_LABEL } from "./tenancy/namespace-object.js";
import { MANAGED_BY_LABELS } from "./conventions.js";

/** Argo CD Application names (all live in one namespace) → what generates them. */
export const RESERVED_APPLICATION_NAMES: ReadonlyMap<string, string> = new Map<string, string>([
  [ROOT_APPLICATION, "the root app-of-apps Application"],
  ...ADDON_NAMES.map((name): [string, string] => [name, `the Application of the ${name} add-on`]),
  ...Object.values(PLATFORM_FOLDER_APPLICATIONS).map((name): [string, string] => [name, "a platform configuration Application"]),
]);

/** Prefixes of generated Application names: `tenancy-<namespace>` for every namespace. */
export const RESERVED_APPLICATION_PREFIXES: ReadonlyMap<string, string> = new Map([
  [`${TENANCY_FOLDER}-`, `the tenancy Applications (${TENANCY_FOLDER}-<namespace>)`],
]);

/** AppProject names teams may not take: the platform's own and Argo CD's built-in `default`. */
export const RESERVED_PROJECT_NAMES: ReadonlyMap<string, string> = new Map([
  [PLATFORM_PROJECT, "the platform's AppProject"],
  ["default", "Argo CD's built-in AppProject, which may deploy anywhere"],
]);

/** Namespaces Kubernetes creates itself; tenancy policies there would break the cluster. */
const KUBERNETES_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"] as const;

/** Namespaces that may not be tenant namespaces → why. */
export const RESERVED_NAMESPACES: ReadonlyMap<string, string> = new Map<string, string>([
  ...KUBERNETES_NAMESPACES.map((name): [string, string] => [name, "Kubernetes creates and uses it itself"]),
  ...Object.values(PLATFORM_NAMESPACES)
    .filter((name) => !(KUBERNETES_NAMESPACES as readonly string[]).includes(name))
    .map((name): [string, string] => [name, "the platform's add-ons run there"]),
]);

/** Why `name` may not be an Argo CD Application name, or undefined when it is free. */
export function reservedApplicationName(name: string): string | undefined {
  const exact = RESERVED_APPLICATION_NAMES.get(name);
  if (exact !== undefined) return exact;
  for (const [prefix, why] of RESERVED_APPLICATION_PREFIXES) if (name.startsWith(prefix)) return why;
  return undefined;
}

/**
 * Namespace label keys a spec may not set in `namespaces.<name>.labels` → why and what to
 * use instead. The platform writes these itself and its value wins, so a user's value would
 * be dropped without a word (a `pod-security.kubernetes.io/enforce: privileged` label left the
 * namespace restricted); `kubernetes.io/metadata.name` is set by the API server to the name.
 */
export function reservedNamespaceLabel(key: string): string | undefined {
  if (key in podSecurityLabels("restricted") || key.startsWith("pod-security.kubernetes.io/")) {
    return "the platform sets the Pod Security labels from the namespace's podSecurity level (enforce, audit and warn, pinned version); set namespaces.<name>.podSecurity instead";
  }
  if (key === TEAM_LABEL) return "the platform sets it from namespaces.<name>.team; set team instead";
  if (key in MANAGED_BY_LABELS) return "the platform marks every object it generates with it";
  if (key === "kubernetes.io/metadata.name") return "the API server sets it to the namespace's name on every namespace; leave it out";
  return undefined;
}
