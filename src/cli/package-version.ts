/**
 * The version `slipway --version` prints, read from the package's own package.json so a
 * release bump is one edit. The file is found from this module, two folders up, which is
 * the package root both from `src/cli` (tsx) and from `dist/cli` (the installed package).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SlipwayError } from "../errors.js";

export const PACKAGE_JSON = new URL("../../package.json", import.meta.url);

export function packageVersion(packageJson: URL = PACKAGE_JSON): string {
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version?: unknown }).version;
  } catch (error) {
    throw new SlipwayError("PACKAGE_BROKEN", `cannot read Slipway's package.json: ${(error as Error).message}`, {
      where: fileURLToPath(packageJson),
      fix: "reinstall Slipway (npm install slipway); its package.json is part of the package",
      cause: error,
    });
  }
  if (typeof version !== "string" || version === "") {
    throw new SlipwayError("PACKAGE_BROKEN", "Slipway's package.json has no version", {
      where: fileURLToPath(packageJson),
      fix: "reinstall Slipway (npm install slipway)",
    });
  }
  return version;
}
