import { describe, expect, it } from "vitest";
import { persistentVolumes } from "../../src/cost/persistent-volumes.js";
import { platformSpecSchema, type PlatformSpecInput } from "../../src/platform-spec/schema.js";

const volumes = (input: PlatformSpecInput) => persistentVolumes(platformSpecSchema.parse(input)).map((volume) => `${volume.what} ${volume.count}×${volume.sizeGiB}`);

describe("persistentVolumes", () => {
  it("GIVEN the reference spec WHEN read from the Applications' values THEN Prometheus, Alertmanager, Grafana, Loki and Tempo volumes are listed", () => {
    expect(volumes({})).toEqual([
      "Prometheus (kube-prometheus-stack) 2×100",
      "Alertmanager (kube-prometheus-stack) 1×10",
      "Grafana (kube-prometheus-stack) 1×10",
      "Loki write 3×10",
      "Loki backend 3×10",
      "Tempo 1×10",
    ]);
  });

  it("GIVEN spec sizes and a values override WHEN read THEN the volumes follow what is deployed", () => {
    const listed = volumes({
      monitoring: { prometheus: { storage: "500Gi", replicas: 3 }, grafana: { storage: "20Gi" } },
      addons: { loki: { values: { write: { replicas: 5 } } }, tempo: { values: { persistence: { enabled: false } } } },
    });
    expect(listed).toContain("Prometheus (kube-prometheus-stack) 3×500");
    expect(listed).toContain("Grafana (kube-prometheus-stack) 1×20");
    expect(listed).toContain("Loki write 5×10");
    expect(listed.some((entry) => entry.startsWith("Tempo"))).toBe(false);
  });
});
