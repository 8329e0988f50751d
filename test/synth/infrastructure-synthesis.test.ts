/**
 * The AWS side of synth on a worker thread: chosen only where it can help, the same
 * cloud assembly as in process, errors carried back, and a cancelled synthesis leaves
 * nothing running and nothing unhandled.
 */
import { describe, expect, it } from "vitest";
import { synthesizeInfrastructure } from "../../src/cdk/synthesize-infrastructure.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import type { PlatformSpec } from "../../src/platform-spec/schema.js";
import { startInfrastructureSynthesis, synthesizesOnWorker } from "../../src/synth/infrastructure-synthesis.js";

function withWorkerSetting<T>(value: string, run: () => T): T {
  const previous = process.env.SLIPWAY_SYNTH_WORKER;
  process.env.SLIPWAY_SYNTH_WORKER = value;
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.SLIPWAY_SYNTH_WORKER;
    else process.env.SLIPWAY_SYNTH_WORKER = previous;
  }
}

describe("GIVEN synthesizesOnWorker", () => {
  it.each<[string, boolean, Parameters<typeof synthesizesOnWorker>]>([
    ["two cores", true, [{}, {}, 2]],
    ["one core", false, [{}, {}, 1]],
    ["an extend function (it cannot cross to a worker)", false, [{ extend: () => {} }, {}, 8]],
    ["SLIPWAY_SYNTH_WORKER=0", false, [{}, { SLIPWAY_SYNTH_WORKER: "0" }, 8]],
    ["SLIPWAY_SYNTH_WORKER=1 on one core", true, [{}, { SLIPWAY_SYNTH_WORKER: "1" }, 1]],
    ["SLIPWAY_SYNTH_WORKER=1 with extend", false, [{ extend: () => {} }, { SLIPWAY_SYNTH_WORKER: "1" }, 8]],
  ])("WHEN given %s THEN the worker is used: %s", (_, expected, args) => {
    expect(synthesizesOnWorker(...args)).toBe(expected);
  });
});

describe("GIVEN the reference platform", () => {
  const spec = parseSpec({}, "test");

  it("WHEN synthesized on the worker THEN the assembly is byte-identical to the in-process one", async () => {
    const onWorker = await withWorkerSetting("1", () => startInfrastructureSynthesis(spec)).result;
    const inProcess = synthesizeInfrastructure(spec);
    expect([...onWorker.keys()]).toEqual([...inProcess.keys()]);
    for (const [path, content] of inProcess) expect(onWorker.get(path), path).toBe(content);
  }, 120_000);

  it("WHEN the worker fails THEN the promise rejects with its error", async () => {
    const broken = { ...spec, cluster: undefined } as unknown as PlatformSpec;
    await expect(withWorkerSetting("1", () => startInfrastructureSynthesis(broken)).result).rejects.toThrow(/^CDK synthesis worker failed: TypeError/);
  }, 120_000);

  it("WHEN a synthesis is cancelled THEN it stops without an unhandled rejection", async () => {
    const synthesis = withWorkerSetting("1", () => startInfrastructureSynthesis(spec));
    synthesis.cancel();
    await expect(synthesis.result).rejects.toThrow(/^CDK synthesis worker exited with code \d+ before answering$/);
  }, 120_000);
});

describe("GIVEN a spec the stack refuses at once (us-west-1 has two availability zones, not three)", () => {
  // The spec parser refuses this too; a caller that builds a PlatformSpec by hand still gets SPEC_INVALID from the stack.
  const parsed = parseSpec({ aws: { region: "us-west-1" }, cluster: { availabilityZones: 2 } }, "test");
  const spec = { ...parsed, cluster: { ...parsed.cluster, availabilityZones: 3 } };

  it.each(["1", "0"])("WHEN SLIPWAY_SYNTH_WORKER=%s and the result is awaited only after the failure THEN there is no unhandled rejection and the result rejects with the SlipwayError", async (setting) => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      // As synthesizePlatform does: start, do other work, await later.
      const late = withWorkerSetting(setting, () => startInfrastructureSynthesis(spec));
      // A second, identical synthesis awaited at once tells when the first has failed too.
      await expect(withWorkerSetting(setting, () => startInfrastructureSynthesis(spec)).result).rejects.toMatchObject({ code: "SPEC_INVALID" });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(unhandled).toEqual([]);
      await expect(late.result).rejects.toMatchObject({ code: "SPEC_INVALID", where: "cluster.availabilityZones", fix: "set cluster.availabilityZones to 2 or less" });
    } finally {
      process.off("unhandledRejection", listener);
    }
  }, 120_000);
});
