/**
 * An application's pod must fit the largest node Karpenter may launch (allocatable, as the
 * EKS AMI reserves it), judged only when every candidate instance type is known.
 */
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { podFitProblems } from "../../src/platform-spec/pod-fits-nodes.js";

const karpenter = (extra: Record<string, unknown> = {}) => ({ enabled: true, architectures: ["amd64"], instanceFamilies: ["c6i", "m6i"], instanceSizes: ["large", "xlarge", "2xlarge"], ...extra });
const application = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } });

describe("podFitProblems", () => {
  it.each([
    { name: "the reference sizes", spec: { karpenter: karpenter(), applications: { web: application("250m", "256Mi") } }, expected: [] },
    // c6i.2xlarge / m6i.2xlarge: 8 vCPU, 8000m − 90m kube-reserved = 7910m allocatable.
    { name: "exactly the largest allocatable CPU", spec: { karpenter: karpenter(), applications: { web: application("7910m", "1Gi") } }, expected: [] },
    {
      name: "one millicore more than any node offers",
      spec: { karpenter: karpenter(), applications: { web: application("7911m", "1Gi") } },
      expected: [
        "applications.web.resources.requests.cpu: 7911m is more cpu than any node Karpenter may launch offers a pod (the largest, c6i.2xlarge, has 7910m allocatable), so the pod would stay Pending. Lower it, or let Karpenter launch larger instances (karpenter.instanceSizes, karpenter.instanceFamilies)",
      ],
    },
    {
      name: "memory over the largest node (m6i.2xlarge: 32Gi less reserved and eviction)",
      spec: { karpenter: karpenter(), applications: { web: application("1", "32Gi") } },
      expected: [expect.stringMatching(/^applications\.web\.resources\.requests\.memory: 32Gi is more memory than any node Karpenter may launch offers a pod \(the largest, m6i\.2xlarge, has \d+Mi allocatable\)/)],
    },
    { name: "a larger size allowed (4xlarge)", spec: { karpenter: karpenter({ instanceSizes: ["4xlarge"] }), applications: { web: application("12", "30Gi") } }, expected: [] },
    { name: "an instance type the table does not know (it might fit)", spec: { karpenter: karpenter({ instanceFamilies: ["x2idn"], instanceSizes: ["16xlarge"] }), applications: { web: application("64", "512Gi") } }, expected: [] },
    {
      // t3.4xlarge does not exist in EC2: no candidate, so the known ones are still judged.
      name: "a family × size EC2 does not have (t3.4xlarge)",
      spec: { karpenter: karpenter({ instanceFamilies: ["c6i", "t3"], instanceSizes: ["large", "4xlarge"] }), applications: { web: application("16", "1Gi") } },
      expected: [
        "applications.web.resources.requests.cpu: 16 is more cpu than any node Karpenter may launch offers a pod (the largest, c6i.4xlarge, has 15890m allocatable), so the pod would stay Pending. Lower it, or let Karpenter launch larger instances (karpenter.instanceSizes, karpenter.instanceFamilies)",
      ],
    },
    { name: "Karpenter off", spec: { karpenter: karpenter({ enabled: false }), applications: { web: application("64", "512Gi") } }, expected: [] },
  ])("GIVEN $name WHEN checked THEN $expected.length problems", ({ spec, expected }) => {
    expect(podFitProblems(spec).map((problem) => `${problem.path.join(".")}: ${problem.message}`)).toEqual(expected);
  });

  it("GIVEN a spec whose application requests 64 CPUs with the reference instance sizes WHEN parsed THEN SPEC_INVALID names the request", () => {
    const raw = {
      teams: { "team-a": { quota: { requestsCpu: "1000", requestsMemory: "1000Gi", limitsCpu: "1000", limitsMemory: "1000Gi" } } },
      applications: { "api-server": { namespace: "production", resources: { requests: { cpu: "64", memory: "1Gi" }, limits: { cpu: "64", memory: "1Gi" } } } },
    };
    expect(() => parseSpec(raw, "test")).toThrow(expect.objectContaining({ code: "SPEC_INVALID", problems: [expect.stringMatching(/^applications\.api-server\.resources\.requests\.cpu: 64 is more cpu than any node/)] }));
  });
});
