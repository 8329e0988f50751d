import { describe, expect, test } from "vitest";
import { imageTag } from "../../../../src/check/rules/best-practice/mutable-image-tag.js";

describe("imageTag", () => {
  test.each([
    ["nginx", undefined],
    ["nginx:1.27.3", "1.27.3"],
    ["registry.example.com:5000/team/app", undefined],
    ["registry.example.com:5000/team/app:latest", "latest"],
    ["public.ecr.aws/eks/aws-load-balancer-controller:v2.11.0", "v2.11.0"],
  ])("GIVEN image %s WHEN its tag is read THEN it is %s", (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});
