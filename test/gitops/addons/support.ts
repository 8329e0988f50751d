/** Runs an add-on generator on a spec and returns its one Application and that Application's Helm values. */
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { isManifestFile, type GitOpsGenerator } from "../../../src/gitops/gitops-file.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";

export interface ChartApplicationSpec {
  project: string;
  source: { repoURL: string; chart: string; targetRevision: string; helm: { releaseName: string; valuesObject: Record<string, any> } };
  destination: { namespace: string };
  syncPolicy: { syncOptions: string[] };
}

export function generate(generator: GitOpsGenerator, input: unknown = {}): { path: string; application: KubeObject; spec: ChartApplicationSpec; values: Record<string, any> } {
  const spec = parseSpec(input, "test");
  const files = generator({ spec, names: platformNames(spec) });
  const [file] = files;
  if (files.length !== 1 || file === undefined || !isManifestFile(file) || file.objects.length !== 1) throw new Error("expected one file with one Application");
  const application = file.objects[0]!;
  const applicationSpec = application.spec as ChartApplicationSpec;
  return { path: file.path, application, spec: applicationSpec, values: applicationSpec.source.helm.valuesObject };
}
