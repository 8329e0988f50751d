/** Folders of files for tests: written from a path → content map, and read back into one. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";

/** A new temporary folder holding `files` (path → content, `/`-separated paths). */
export function writeFiles(files: Readonly<Record<string, string>>, prefix = "slipway-tree-"): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A ConfigMap manifest named `name`, in `namespace` when given. */
export const configMapYaml = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ""}data:\n  a: "1"\n`;

/** Reads a folder into a path → content map (paths `/`-separated, sorted), for tree comparisons. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(relative(root, path).split(sep).join("/"), readFileSync(path, "utf8"));
    }
  };
  visit(root);
  // Sorted by whole path, as synthesis orders its files ("a-b/x" before "a/x").
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
