import { describe, expect, it } from "vitest";
import { alloyGenerator, ALLOY_LOG_PIPELINE } from "../../../src/gitops/addons/alloy.js";
import { LOKI_PUSH_URL } from "../../../src/gitops/addons/monitoring-endpoints.js";
import { generate } from "./support.js";

describe("Alloy values", () => {
  it("GIVEN the reference spec THEN Alloy is a DaemonSet on every node shipping pod logs to Loki's push API", () => {
    const { values, spec } = generate(alloyGenerator);
    expect(spec.source.chart).toBe("alloy");
    expect(values.controller).toEqual({ type: "daemonset", tolerations: [{ operator: "Exists" }] });
    expect(values.alloy.mounts.varlog).toBe(true);
    expect(values.alloy.configMap.content).toBe(ALLOY_LOG_PIPELINE);
    expect(ALLOY_LOG_PIPELINE).toContain(`url = "${LOKI_PUSH_URL}"`);
    expect(LOKI_PUSH_URL).toBe("http://loki-gateway.monitoring.svc:80/loki/api/v1/push");
  });

  it("GIVEN the pipeline THEN it tails only its own node's pods (NODE_NAME from the downward API)", () => {
    const { values } = generate(alloyGenerator);
    expect(values.alloy.extraEnv).toEqual([{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }]);
    expect(ALLOY_LOG_PIPELINE).toContain('field = "spec.nodeName=" + sys.env("NODE_NAME")');
    expect(ALLOY_LOG_PIPELINE).not.toContain("promtail");
  });
});
