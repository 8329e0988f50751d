#!/usr/bin/env node
/**
 * The CDK app entry `cdk.json` points at, so `npx cdk synth`, `npx cdk diff` and
 * `npx cdk deploy` work as CDK users expect. It reads the same spec `slipway synth` reads
 * (slipway.config.ts or slipway.yaml in the working directory, `SLIPWAY_CONFIG` to name
 * another file, else the reference platform) and builds the same stack.
 *
 * `-c slipway:nagChecks=false` skips the cdk-nag pack (loading it costs about a second);
 * the tests run it on every template either way.
 */
import { aws } from "./aws-cdk-lib.js";
import { isSlipwayError } from "../errors.js";
import { loadSpec } from "../platform-spec/load.js";
import { addPlatformStack, platformAppProps } from "./synthesize-infrastructure.js";

try {
  const { spec } = await loadSpec({ configPath: process.env.SLIPWAY_CONFIG || undefined, cwd: process.cwd() });
  // The CDK CLI tells the app where to write through CDK_OUTDIR; App reads it.
  const app = new aws.core.App(platformAppProps());
  const nagChecks = String(app.node.tryGetContext("slipway:nagChecks") ?? "true") !== "false";
  addPlatformStack(app, spec, { nagChecks });
  app.synth();
} catch (error) {
  if (!isSlipwayError(error)) throw error;
  process.stderr.write(error.render() + "\n");
  process.exitCode = 1;
}
