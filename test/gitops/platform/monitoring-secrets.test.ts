import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { ALERTMANAGER_SLACK_SECRET, GRAFANA_ADMIN_SECRET, monitoringExternalSecrets } from "../../../src/gitops/platform/monitoring-secrets.js";
import { CLUSTER_SECRET_STORE } from "../../../src/gitops/conventions.js";

describe("monitoring ExternalSecrets", () => {
  it("GIVEN the reference spec THEN Grafana's admin Secret is filled from the grafana/admin secret with the keys the chart values read", () => {
    const [grafana] = monitoringExternalSecrets(platformNames(parseSpec({}, "test")));
    expect(grafana?.metadata).toMatchObject({ name: "grafana-admin", namespace: "monitoring" });
    expect(grafana?.spec).toMatchObject({
      secretStoreRef: { kind: "ClusterSecretStore", name: CLUSTER_SECRET_STORE },
      target: { name: GRAFANA_ADMIN_SECRET.name },
      data: [
        { secretKey: "admin-user", remoteRef: { key: "production-cluster/grafana/admin", property: "username" } },
        { secretKey: "admin-password", remoteRef: { key: "production-cluster/grafana/admin", property: "password" } },
      ],
    });
  });

  it("GIVEN a custom secrets prefix THEN the Slack webhook is read below that prefix", () => {
    const names = platformNames(parseSpec({ secretsPrefix: "shared/platform/" }, "test"));
    const [, slack] = monitoringExternalSecrets(names);
    expect(slack?.spec).toMatchObject({
      target: { name: ALERTMANAGER_SLACK_SECRET.name },
      data: [{ secretKey: "webhook-url", remoteRef: { key: "shared/platform/alertmanager/slack-webhook" } }],
    });
  });
});
