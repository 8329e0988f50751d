/**
 * The API server's verdicts, recorded: test/fixtures/check/api-server-verdicts holds objects
 * kube-apiserver v1.35.4 admitted (admitted.yaml) or refused (refused.yaml) under
 * `kubectl apply --server-side --dry-run=server` (2026-12-01), each one slipway check once
 * judged otherwise. The schema and api-validation steps must agree: nothing on the admitted
 * objects, and on the refused ones exactly the API server's messages (its order aside).
 * Add an object here with the dry run's output whenever a disagreement is fixed.
 */
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { REPO_ROOT } from "../../support/paths.js";

const FOLDER = "test/fixtures/check/api-server-verdicts";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** `object`: the API server's messages, as `kubectl apply --server-side --dry-run=server` printed them. */
const REFUSED: Readonly<Record<string, readonly string[]>> = {
  "Deployment shop/external-dns": [`spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name: Invalid value: "DO_TOKEN": ${SUBDOMAIN}`],
  "CronJob shop/nightly": ["spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed", "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0"],
  "StatefulSet shop/db": [
    `spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
    'spec.volumeClaimTemplates[0].spec.accessModes: Unsupported value: "RWO": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    'spec.volumeClaimTemplates[0].spec.resources[storage]: Invalid value: "0": must be greater than zero',
  ],
  "Service shop/sticky": ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"],
  "Pod shop/tuned": [
    `spec.containers[0].envFrom[0].prefix: Invalid value: "A=": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    "spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
    'spec.securityContext.sysctls[1].name: Duplicate value: "net.ipv4.ip_forward"',
    "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
  ],
};

describe("the API server's recorded verdicts", () => {
  const findings = async (file: string) => (await checkManifests([`${FOLDER}/${file}`], { cwd: REPO_ROOT, kustomize: false, enable: ["schema", "api-validation"] })).findings;

  it("GIVEN objects the API server admitted WHEN checked THEN no schema or api-validation finding", async () => {
    expect((await findings("admitted.yaml")).map((finding) => `${finding.object}: ${finding.message}`)).toEqual([]);
  });

  it("GIVEN objects the API server refused WHEN checked THEN each gets exactly the API server's messages", async () => {
    const byObject: Record<string, string[]> = {};
    for (const finding of await findings("refused.yaml")) (byObject[finding.object ?? "(no object)"] ??= []).push(finding.message);
    const sorted = (record: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(record).map(([object, messages]) => [object, [...messages].sort()]));
    expect(sorted(byObject)).toEqual(sorted(REFUSED));
  });
});
