import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { KWOK_METRICS_PATH_STAGE, METRICS_PATH_ANNOTATION } from "../../src/local/kwok-metrics-path-stage.js";
import { fakeNodes } from "../../src/local/fake-nodes.js";
import { parseSpec } from "../../src/platform-spec/load.js";

interface Stage {
  kind: string;
  spec: { resourceRef: { kind: string }; selector: { matchExpressions: { key: string; operator: string }[] }; next: { patches: { root: string; template: string }[] } };
}

describe("KWOK_METRICS_PATH_STAGE", () => {
  const stage = parse(KWOK_METRICS_PATH_STAGE) as Stage;

  it("GIVEN the stage WHEN read THEN it selects only nodes without the annotation and patches their metadata", () => {
    expect([stage.kind, stage.spec.resourceRef.kind]).toEqual(["Stage", "Node"]);
    expect(stage.spec.selector.matchExpressions).toEqual([{ key: `.metadata.annotations["${METRICS_PATH_ANNOTATION}"]`, operator: "DoesNotExist" }]);
    expect(stage.spec.next.patches.map((patch) => patch.root)).toEqual(["metadata"]);
  });

  it("GIVEN a managed node group's fake node WHEN its annotation is compared THEN the stage writes the same path for Karpenter's nodes", () => {
    const node = fakeNodes(parseSpec({}, "reference"), "v1.35.4")[0]!;
    const template = parse(stage.spec.next.patches[0]!.template.replace("{{ .metadata.name }}", node.metadata.name)) as { annotations: Record<string, string> };
    expect(template.annotations[METRICS_PATH_ANNOTATION]).toBe(node.metadata.annotations?.[METRICS_PATH_ANNOTATION]);
  });
});
