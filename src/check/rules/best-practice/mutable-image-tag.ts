/**
 * Template `image-tag`: an image without a digest whose tag is absent (Docker resolves
 * `latest`) or one of the configured mutable tags may change under the same manifest:
 * two nodes run different code and a rollback rolls back nothing. A digest pins it.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asString } from "../support/json.js";
import { workloadsOf } from "../support/workloads.js";

const PARAMS = (zod: typeof z) => zod.object({ mutableTags: zod.array(zod.string().min(1)) }).strict();

/** The tag of an image reference, `undefined` when it has none; digests are handled by the caller. */
export function imageTag(image: string): string | undefined {
  const lastSlash = image.lastIndexOf("/");
  const lastColon = image.lastIndexOf(":");
  // A colon before the last slash is a registry port (`registry:5000/app`), not a tag.
  return lastColon > lastSlash ? image.slice(lastColon + 1) : undefined;
}

export const mutableImageTagTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "mutable-image-tag",
  description: "Every container image is pinned by digest or by a tag that is not mutable.",
  params: PARAMS,
  check(context, params, report) {
    for (const workload of workloadsOf(context.objects)) {
      for (const container of workload.containers) {
        const image = asString(container.record.image);
        if (!image || image.includes("@")) continue;
        const tag = imageTag(image);
        const at = container.path && [...container.path, "image"];
        if (tag === undefined) {
          report(workload.source, `container "${container.name}" uses image ${image} without a tag, which resolves to the mutable tag latest`, undefined, at);
        } else if (params.mutableTags.includes(tag)) {
          report(workload.source, `container "${container.name}" uses image ${image} with the mutable tag ${tag}`, undefined, at);
        }
      }
    }
  },
};
