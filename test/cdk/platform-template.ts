/** Test helper: the platform stack of a spec as a CDK assertions Template (no nag, synthesized once per spec). */
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { parseSpec } from "../../src/platform-spec/load.js";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";
import { addPlatformStack, platformAppProps } from "../../src/cdk/synthesize-infrastructure.js";
import type { PlatformStack } from "../../src/cdk/platform-stack.js";

export function platformTemplate(input: PlatformSpecInput = {}): { template: Template; stack: PlatformStack } {
  const app = new App(platformAppProps());
  const stack = addPlatformStack(app, parseSpec(input, "test"), { nagChecks: false });
  return { template: Template.fromStack(stack), stack };
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Array<{ Properties: Record<string, any>; DependsOn?: string[] }> {
  return Object.values(template.findResources(type)) as Array<{ Properties: Record<string, any>; DependsOn?: string[] }>;
}

export function tagsOf(resource: { Properties: Record<string, any> }): Record<string, string> {
  return Object.fromEntries(((resource.Properties.Tags ?? []) as Array<{ Key: string; Value: string }>).map((tag) => [tag.Key, tag.Value]));
}
