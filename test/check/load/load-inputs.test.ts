import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeObject } from "../../../src/check/finding.js";
import { loadInputs } from "../../../src/check/load/load-inputs.js";
import { configMapYaml, writeFiles } from "../../support/tree.js";

const tree = (files: Record<string, string>) => writeFiles(files, "slipway-load-");
const configMap = configMapYaml;

describe("loadInputs", () => {
  it("GIVEN a folder WHEN loaded THEN YAML and JSON files are read recursively, other files and hidden folders skipped", async () => {
    const root = tree({
      "a.yaml": configMap("a"),
      "sub/b.yml": configMap("b"),
      "sub/c.json": '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}',
      "notes.txt": "not a manifest",
      ".git/d.yaml": configMap("d"),
    });
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${object.name}`)).toEqual(["a.yaml:1 a", "sub/b.yml:1 b", "sub/c.json:1 c"]);
    expect(loaded.files).toBe(3);
  });

  it.each([
    { name: "walked inside the folder given", inputs: ["."], kustomization: undefined },
    { name: "given itself", inputs: [".", "charts/web"], kustomization: undefined },
    { name: "reached only as the path of an Application", inputs: ["."], kustomization: "resources:\n  - apps/web.yaml\n  - other.yaml\n" },
  ])("GIVEN a Helm chart folder (Chart.yaml, Go templates) $name WHEN loaded THEN it is one info finding, its templates and values not parsed as manifests", async ({ inputs, kustomization }) => {
    const root = tree({
      "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "charts/web/values.yaml": "replicaCount: 1\n",
      "charts/web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"web.fullname\" . }}\n  labels:\n    {{- include \"web.labels\" . | nindent 4 }}\n",
      "charts/web/charts/dependency/templates/cm.yaml": "{{ if .Values.x }}\n",
      "apps/web.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://example.com/repo.git\n    path: charts/web\n",
      "other.yaml": configMap("other"),
      ...(kustomization !== undefined ? { "kustomization.yaml": kustomization } : {}),
    });
    const loaded = await loadInputs(inputs, { cwd: root });
    expect(loaded.findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["info input charts/web/Chart.yaml:1"]);
    expect(loaded.findings[0]?.message).toMatch(/^Helm chart folder: /);
    expect(loaded.findings[0]?.fix).toBe("check what it renders: helm template <release> charts/web --namespace <namespace> --values <values> | slipway check -");
    expect(loaded.objects.map((object) => `${object.kind}/${object.name}`).sort()).toEqual(["Application/web", "ConfigMap/other"]);
  });

  it("GIVEN a Helm repository index and Helm values in a folder beside manifests WHEN the folder is loaded THEN each is one info finding; named as input, an error", async () => {
    const root = tree({
      "repo/index.yaml": "apiVersion: v1\nentries:\n  web:\n    - apiVersion: v2\n      name: web\n      version: 1.0.0\ngenerated: \"2026-11-29T23:39:03Z\"\n",
      "values/web.yaml": "replicaCount: 1\n",
      "broken.yaml": "apiVersion: v1\nmetadata:\n  name: x\n",
      "cm.yaml": configMap("a"),
    });
    const walked = await loadInputs(["."], { cwd: root });
    expect(walked.findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([
      "error parse broken.yaml:1",
      "info parse repo/index.yaml:1",
      "info parse values/web.yaml:1",
    ]);
    expect(walked.objects.map((object) => object.name)).toEqual(["a"]);
    const named = await loadInputs(["repo/index.yaml"], { cwd: root });
    expect(named.findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["error parse repo/index.yaml:1"]);
  });

  it("GIVEN standard input WHEN loaded with - THEN objects are named <stdin>", async () => {
    const loaded = await loadInputs(["-"], { cwd: tmpdir(), readStdin: async () => configMap("from-stdin") });
    expect(loaded.objects.map((object) => `${object.file} ${object.name}`)).toEqual(["<stdin> from-stdin"]);
  });

  it("GIVEN a missing path WHEN loaded THEN a clear INPUT_UNREADABLE error", async () => {
    await expect(loadInputs(["nope"], { cwd: tmpdir() })).rejects.toMatchObject({ code: "INPUT_UNREADABLE", message: "cannot read nope: ENOENT" });
  });

  it("GIVEN a folder with a kustomization WHEN loaded THEN kustomize renders it once and objects keep their source file and line", async () => {
    const root = tree({
      "app/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources:\n  - cm.yaml\n",
      "app/cm.yaml": `${configMap("first")}---\n${configMap("second")}`,
      "app/unlisted.yaml": configMap("unlisted"),
    });
    const loaded = await loadInputs(["app"], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${object.namespace}/${object.name}`)).toEqual(["app/cm.yaml:1 prod/first", "app/cm.yaml:8 prod/second"]);
  });

  it("GIVEN a kustomization kustomize cannot build WHEN loaded THEN a kustomize finding and the files are read one by one", async () => {
    const root = tree({ "kustomization.yaml": "resources:\n  - missing.yaml\n", "cm.yaml": configMap("a") });
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["kustomize kustomization.yaml:1"]);
    expect(loaded.findings[0]?.message).toMatch(/^kustomize cannot build this folder: .*missing\.yaml/);
    expect(loaded.objects.map((object) => object.name)).toEqual(["a"]);
  });

  it("GIVEN a root kustomization with only the app-of-apps WHEN loaded THEN the folders its Applications deploy are loaded too, once", async () => {
    const application = (name: string, path: string) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://example.com/repo.git\n    path: ${path}\n`;
    const root = tree({
      "kustomization.yaml": "resources:\n  - argocd\n  - apps/shared\n",
      "argocd/kustomization.yaml": "resources:\n  - apps.yaml\n",
      "argocd/apps.yaml": `${application("web", "apps/web")}---\n${application("shared", "apps/shared")}---\n${application("elsewhere", "../outside")}`,
      "apps/web/cm.yaml": configMap("web-config"),
      "apps/shared/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "apps/shared/cm.yaml": configMap("shared-config"),
      "apps/unused/cm.yaml": configMap("unused-config"),
    });
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings).toEqual([]);
    // In kustomize's output order (it puts ConfigMaps first), then the followed folder.
    expect(loaded.objects.map((object) => `${object.file} ${object.kind}/${object.name}`)).toEqual([
      "apps/shared/cm.yaml ConfigMap/shared-config",
      "argocd/apps.yaml Application/elsewhere",
      "argocd/apps.yaml Application/shared",
      "argocd/apps.yaml Application/web",
      "apps/web/cm.yaml ConfigMap/web-config",
    ]);
  });

  it("GIVEN a base and three overlays of it (one unchanged, one patching the image, one in another namespace) WHEN the tree is loaded THEN one object per distinct rendering, naming the kustomizations that render it", async () => {
    const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n";
    const root = tree({
      "base/kustomization.yaml": "resources:\n  - deploy.yaml\n",
      "base/deploy.yaml": deployment,
      "overlays/dev/kustomization.yaml": "resources:\n  - ../../base\n",
      "overlays/prod/kustomization.yaml": "resources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: \"1.27\"\n",
      "overlays/stage/kustomization.yaml": "resources:\n  - ../../base\nnamespace: stage\n",
    });
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings).toEqual([]);
    const image = (object: (typeof loaded.objects)[number]) => JSON.stringify(object.document.spec).match(/nginx:[^"]+/)?.[0];
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${describeObject(object)} ${image(object)}`)).toEqual([
      "base/deploy.yaml:1 Deployment web (rendered by base, overlays/dev) nginx:latest",
      "base/deploy.yaml:1 Deployment web (rendered by overlays/prod) nginx:1.27",
      "base/deploy.yaml:1 Deployment stage/web nginx:latest",
    ]);
  });

  it("GIVEN Applications on an overlay and on the base it includes, the overlay's folder first WHEN loaded THEN the base's objects come once, from the overlay's rendering", async () => {
    const application = (name: string, path: string) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://example.com/repo.git\n    path: ${path}\n`;
    const root = tree({
      "kustomization.yaml": "resources:\n  - argocd\n",
      "argocd/kustomization.yaml": "resources:\n  - apps.yaml\n",
      // Folders are followed in sorted order: "prod" before "shared-base", which it includes.
      "argocd/apps.yaml": `${application("shared-base", "shared-base")}---\n${application("prod", "prod")}`,
      "shared-base/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "shared-base/cm.yaml": configMap("shared-config"),
      "prod/kustomization.yaml": "namespace: prod\nresources:\n  - ../shared-base\n",
    });
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.filter((object) => object.kind === "ConfigMap").map((object) => `${object.file} ${object.namespace}/${object.name}`)).toEqual(["shared-base/cm.yaml prod/shared-config"]);
  });

  it("GIVEN Applications whose paths start with the GitOps folder's own name WHEN that folder is checked THEN the paths resolve inside it", async () => {
    const root = tree({
      "gitops/kustomization.yaml": "resources:\n  - argocd/app.yaml\n",
      "gitops/argocd/app.yaml":
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://example.com/repo.git\n    path: gitops/apps/web\n",
      "gitops/apps/web/cm.yaml": configMap("web-config"),
    });
    const loaded = await loadInputs(["gitops"], { cwd: root });
    expect(loaded.objects.map((object) => `${object.file} ${object.name}`)).toEqual(["gitops/argocd/app.yaml web", "gitops/apps/web/cm.yaml web-config"]);
  });

  it.each([
    { name: "CRLF line breaks", bytes: Buffer.from(`${configMap("a")}---\n${configMap("b")}`.replace(/\n/g, "\r\n")) },
    { name: "a UTF-8 byte order mark", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${configMap("a")}---\n${configMap("b")}`)]) },
    { name: "UTF-16LE with its mark", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${configMap("a")}---\r\n${configMap("b")}`, "utf16le")]) },
    { name: "UTF-16BE with its mark", bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${configMap("a")}---\n${configMap("b")}`, "utf16le").swap16()]) },
  ])("GIVEN a multi-document file with $name WHEN loaded THEN both objects are read with their lines", async ({ bytes }) => {
    const root = mkdtempSync(join(tmpdir(), "slipway-load-"));
    writeFileSync(join(root, "cm.yaml"), bytes);
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${object.name} ${JSON.stringify(object.document.data)}`)).toEqual(['cm.yaml:1 a {"a":"1"}', 'cm.yaml:8 b {"a":"1"}']);
  });

  it("GIVEN symbolic links to a file and a folder WHEN loaded THEN both are followed, and a folder reached twice is read once", async () => {
    const root = tree({ "real/a.yaml": configMap("a"), "elsewhere/b.yaml": configMap("b") });
    symlinkSync(join(root, "elsewhere/b.yaml"), join(root, "real/linked-file.yaml"));
    symlinkSync(join(root, "elsewhere"), join(root, "real/linked-folder"));
    const loaded = await loadInputs(["real", "elsewhere"], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file} ${object.name}`)).toEqual(["real/a.yaml a", "real/linked-file.yaml b"]);
  });

  it("GIVEN a link back to an enclosing folder, links pointing at each other and a broken link WHEN loaded THEN each is an input finding and loading ends", async () => {
    const root = tree({ "a.yaml": configMap("a") });
    mkdirSync(join(root, "sub"));
    symlinkSync(root, join(root, "sub/up"));
    symlinkSync(join(root, "two.yaml"), join(root, "one.yaml"));
    symlinkSync(join(root, "one.yaml"), join(root, "two.yaml"));
    symlinkSync(join(root, "gone"), join(root, "broken.yaml"));
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.objects.map((object) => object.name)).toEqual(["a"]);
    expect(loaded.findings.map((finding) => `${finding.ruleId} ${finding.file}: ${finding.message}`)).toEqual([
      "input broken.yaml: broken symbolic link (ENOENT): the link cannot be followed",
      "input one.yaml: symbolic link loop: the link cannot be followed",
      `input sub/up: symbolic link loop: the folder links back to ${root.split("/").pop()}, which encloses it`,
      "input two.yaml: symbolic link loop: the link cannot be followed",
    ]);
  });

  it.skipIf(process.getuid?.() === 0)("GIVEN a folder and a file without read permission WHEN loaded THEN each is an input finding, not a silent skip", async () => {
    const root = tree({ "locked/a.yaml": configMap("a"), "secret.yaml": configMap("b") });
    chmodSync(join(root, "locked"), 0o000);
    chmodSync(join(root, "secret.yaml"), 0o000);
    try {
      const loaded = await loadInputs(["."], { cwd: root });
      expect(loaded.findings.map((finding) => `${finding.ruleId} ${finding.file}: ${finding.message}`)).toEqual([
        "input locked: cannot read the folder: EACCES",
        "input secret.yaml: cannot read the file: EACCES",
      ]);
    } finally {
      chmodSync(join(root, "locked"), 0o755);
    }
  });

  it("GIVEN an overlay whose patch has the identity of a base object, and an unused patch file WHEN loaded THEN objects point at the files that hold them", async () => {
    const root = tree({
      "base/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "base/cm.yaml": configMap("settings"),
      "overlay/kustomization.yaml": "resources:\n  - ../base\n  - extra.yaml\npatches:\n  - path: patch.yaml\n",
      "overlay/extra.yaml": configMap("extra"),
      "overlay/patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  b: '2'\n",
      "overlay/unused-patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  c: '3'\n",
    });
    const loaded = await loadInputs(["overlay"], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${object.name}`)).toEqual(["overlay/extra.yaml:1 extra", "base/cm.yaml:1 settings"]);
    // The origin annotation that located them is not part of the object the rules see.
    expect(loaded.objects.map((object) => (object.document.metadata as Record<string, unknown>).annotations)).toEqual([undefined, undefined]);
  });

  it("GIVEN a kustomize Component (patches only meaningful in an overlay) and the overlay using it WHEN the whole tree is loaded THEN no kustomize finding, the Component's files only through the overlay", async () => {
    const root = tree({
      "base/kustomization.yaml": "resources:\n  - deploy.yaml\n",
      "base/deploy.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n",
      // As metrics-server ships them: a Component with a resource and a partial patch (no selector, no containers).
      "components/ha/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - pdb.yaml\npatches:\n  - path: patch.yaml\n",
      "components/ha/pdb.yaml": configMap("ha-extra"),
      "components/ha/patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  b: '2'\n",
      "overlays/ha/kustomization.yaml": "resources:\n  - ../../base\ncomponents:\n  - ../../components/ha\n",
    });
    const loaded = await loadInputs(["."], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${object.name}`).sort()).toEqual(["base/deploy.yaml:1 settings", "base/deploy.yaml:1 settings", "components/ha/pdb.yaml:1 ha-extra"]);
  });

  it("GIVEN an overlay that renames objects (namePrefix) WHEN loaded THEN objects still point at the document they came from", async () => {
    const root = tree({
      "base/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "base/cm.yaml": `${configMap("first")}---\n${configMap("second")}`,
      "dev/kustomization.yaml": "namePrefix: dev-\nresources:\n  - ../base\n",
    });
    const loaded = await loadInputs(["dev"], { cwd: root });
    expect(loaded.findings).toEqual([]);
    expect(loaded.objects.map((object) => `${object.file}:${object.line} ${object.name}`)).toEqual(["base/cm.yaml:1 dev-first", "base/cm.yaml:8 dev-second"]);
  });
});
