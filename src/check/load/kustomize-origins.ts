/**
 * Which file each object of a kustomize build came from, as kustomize itself records it.
 *
 * Matching rendered objects to files by apiVersion/kind/name guesses wrong exactly where
 * overlays live: a strategic-merge patch has the same identity as the object it patches,
 * and a patch file the kustomization does not even use still matched. kustomize knows the
 * answer (`buildMetadata: [originAnnotations]` writes `config.kubernetes.io/origin`), but
 * the user's kustomization must not be edited. So the folder is built through a wrapper
 * kustomization in a temporary folder whose only resource is a symbolic link to it: the
 * build is the user's (same load restrictions, same transformers), with origins added.
 * The annotation is removed again before any rule sees the object.
 */
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SlipwayError } from "../../errors.js";

export const ORIGIN_ANNOTATION = "config.kubernetes.io/origin";
/**
 * Name of the link to the user's folder inside the wrapper: origin paths start with it. A
 * name no real folder has, since `../<name>/x` from the folder would clean to the same path.
 */
const LINK = "slipway-kustomize-input";

/**
 * `build(folder)` → kustomize output of `folder`, with origin annotations on every object
 * kustomize read from a file.
 *
 * When kustomize rejects the wrapped build (`KUSTOMIZATION_INVALID`), the folder is built
 * again as it is, and that error is the one thrown: kustomize nests the real reason in its
 * account of the wrapper (`accumulating resources from 'slipway-kustomize-input': '<temporary
 * folder>/slipway-kustomize-input' must resolve to a file': recursed accumulation of path
 * ...`), names no user file in it, and words it differently per version; the plain build's
 * error is exactly what `kubectl kustomize <folder>` prints, which the finding's fix says to
 * run. Should the plain build succeed (only the wrapper failed), its output is returned,
 * without origins: objects then find their files by identity. Any other error (kustomize
 * cannot run) is thrown with the wrapper's paths replaced by the folder.
 */
export async function buildWithOrigins(folder: string, build: (directory: string) => Promise<string>): Promise<string> {
  try {
    return await buildWrapped(folder, build);
  } catch (error) {
    if (!(error instanceof SlipwayError) || error.code !== "KUSTOMIZATION_INVALID") throw error;
  }
  return build(resolve(folder));
}

async function buildWrapped(folder: string, build: (directory: string) => Promise<string>): Promise<string> {
  const wrapper = await mkdtemp(join(tmpdir(), "slipway-kustomize-"));
  try {
    await symlink(resolve(folder), join(wrapper, LINK), "dir");
    await writeFile(join(wrapper, "kustomization.yaml"), `resources:\n  - ${LINK}\nbuildMetadata:\n  - originAnnotations\n`);
    return await build(wrapper);
  } catch (error) {
    // Errors name the wrapper; the user knows only their folder.
    if (error instanceof Error && !(error instanceof SlipwayError && error.code === "KUSTOMIZATION_INVALID")) {
      error.message = error.message.split(join(wrapper, LINK)).join(folder).split(wrapper).join(folder);
    }
    throw error;
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
}

/**
 * Removes the origin annotation from a rendered object and returns the absolute path of
 * the file it names (undefined for generated objects and remote resources, which have no
 * local file). kustomize writes the path relative to the wrapper, lexically cleaned:
 * `<link>/deploy.yaml`, or `base/deploy.yaml` for `<link>/../base/deploy.yaml`.
 */
export function takeOrigin(document: Record<string, unknown>, folder: string): string | undefined {
  const metadata = document.metadata;
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return undefined;
  const annotations = (metadata as Record<string, unknown>).annotations;
  if (annotations === null || typeof annotations !== "object" || Array.isArray(annotations)) return undefined;
  const record = annotations as Record<string, unknown>;
  const origin = record[ORIGIN_ANNOTATION];
  if (origin === undefined) return undefined;
  delete record[ORIGIN_ANNOTATION];
  if (Object.keys(record).length === 0) delete (metadata as Record<string, unknown>).annotations;
  if (typeof origin !== "string") return undefined;
  // `path: x/y.yaml` (plus `repo:`/`ref:` for remote resources, which have no local file).
  if (/^repo:/m.test(origin)) return undefined;
  const path = /^path:\s*(.+?)\s*$/m.exec(origin)?.[1]?.replace(/^["']|["']$/g, "");
  if (path === undefined) return undefined;
  // Lexically, wrapper/LINK is the folder, so wrapper/other is the folder's parent/other.
  return path.startsWith(`${LINK}/`) ? resolve(folder, path.slice(LINK.length + 1)) : resolve(folder, "..", path);
}
