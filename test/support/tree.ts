/** Reads a folder into a path → content map (paths `/`-separated, sorted), for tree comparisons. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

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
