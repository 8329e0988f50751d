/**
 * The synthesized GitOps tree as a Git repository the local Argo CD syncs from: one
 * commit per change of the tree on the branch the root Application tracks, so running
 * `up` again after editing the spec is a new revision Argo CD picks up, as a push would
 * be on GitHub. Commits are made with a fixed identity and date, so the same tree gives
 * the same commit hash on every machine.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { SlipwayError } from "../errors.js";

export interface CommittedTree {
  /** The repository's `.git` folder (what `git http-backend` serves). */
  readonly gitDirectory: string;
  readonly branch: string;
  readonly commit: string;
  /** Whether this call made a new commit (false: the tree was already the branch's head). */
  readonly changed: boolean;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: "slipway",
  GIT_AUTHOR_EMAIL: "slipway@localhost",
  GIT_COMMITTER_NAME: "slipway",
  GIT_COMMITTER_EMAIL: "slipway@localhost",
  GIT_AUTHOR_DATE: "1970-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "1970-01-01T00:00:00Z",
};

/** Writes `tree` (path → content) as the head of `branch` in the repository at `directory`. */
export async function commitTree(directory: string, tree: ReadonlyMap<string, string>, branch: string): Promise<CommittedTree> {
  const git = (...args: string[]) => run(directory, args);
  if (!existsSync(join(directory, ".git"))) {
    await mkdir(directory, { recursive: true });
    await git("init", "--quiet", `--initial-branch=${branch}`);
  } else {
    await git("checkout", "--quiet", "-B", branch);
  }
  // The tree replaces the working copy entirely: a file the spec no longer makes is deleted.
  for (const entry of await readdir(directory)) if (entry !== ".git") await rm(join(directory, entry), { recursive: true, force: true });
  for (const [path, content] of tree) {
    await mkdir(dirname(join(directory, path)), { recursive: true });
    await writeFile(join(directory, path), content);
  }
  await git("add", "--all");
  const dirty = (await git("status", "--porcelain")).trim() !== "";
  const hasHead = await git("rev-parse", "--verify", "--quiet", "HEAD").then(
    () => true,
    () => false,
  );
  if (dirty || !hasHead) await git("commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", "slipway synth");
  return { gitDirectory: join(directory, ".git"), branch, commit: (await git("rev-parse", "HEAD")).trim(), changed: dirty || !hasHead };
}

function run(directory: string, args: readonly string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      "git",
      ["-c", "core.autocrlf=false", "-c", "commit.gpgsign=false", ...args],
      { cwd: directory, env: { ...process.env, ...IDENTITY, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resolvePromise(stdout);
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          return reject(
            new SlipwayError("TOOL_UNAVAILABLE", "git is not on the PATH; the local Argo CD syncs the GitOps tree from a local Git repository", {
              fix: "install Git (macOS: `xcode-select --install` or `brew install git`; Debian/Ubuntu: `apt-get install git`) and run the command again",
              cause: error,
            }),
          );
        }
        reject(new SlipwayError("LOCAL_CLUSTER", `git ${args[0]} failed: ${stderr.trim() || error.message}`, { where: directory, fix: "read the error above; `slipway down` then `slipway up --local` starts over", cause: error }));
      },
    );
  });
}
