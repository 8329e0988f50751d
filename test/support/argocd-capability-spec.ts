/**
 * A valid `argocd.mode: eks-capability` spec, shared by the tests of that mode: the
 * example whose GitOps tree is golden (test/golden/eks-capability/slipway.yaml).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";
import { REPO_ROOT } from "./paths.js";

export const CAPABILITY_SPEC_PATH = join(REPO_ROOT, "test", "golden", "eks-capability", "slipway.yaml");

export const CAPABILITY_SPEC: PlatformSpecInput = parse(readFileSync(CAPABILITY_SPEC_PATH, "utf8")) as PlatformSpecInput;
