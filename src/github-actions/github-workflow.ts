/**
 * One GitHub Actions workflow per application: build the image, push it to the
 * application's ECR repository through the OIDC role (no stored AWS keys), then set the
 * new tag in the GitOps repository so Argo CD rolls it out as a canary.
 *
 * The workflows are written beside the GitOps tree (`<out>/workflows/<app>.yaml`), not
 * in it: they run in the repository holding the application's code, and a workflow only
 * runs from that repository's `.github/workflows/`. The file header names where it goes.
 *
 * The tag is the commit SHA (ECR tags are immutable). The deploy job rewrites every
 * reference to `<repository>:<tag>` in the GitOps tree, and the spec's `imageTag` when the
 * spec (`slipway.yaml`) is kept at the root of the GitOps repository, so the next
 * `slipway synth` agrees with what runs.
 */
import { stringify } from "yaml";
import { normalizedRepositoryPath } from "../platform-spec/grammars.js";
import type { PlatformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { ciRepositories, githubRepositoryOf, type CiRepository } from "../cdk/ci-repositories.js";
import { githubActionsRoleOf, githubActionsRoles, type GitHubActionsRole } from "../cdk/github-actions-roles.js";

/** Actions the workflows use, pinned to their current major versions. */
export const WORKFLOW_ACTIONS = {
  checkout: "actions/checkout@v5",
  configureAwsCredentials: "aws-actions/configure-aws-credentials@v5",
  ecrLogin: "aws-actions/amazon-ecr-login@v2",
  setupBuildx: "docker/setup-buildx-action@v3",
  buildPush: "docker/build-push-action@v6",
} as const;

/** Secret holding a token that may push to the GitOps repository, when that is another repository. */
export const GITOPS_TOKEN_SECRET = "GITOPS_REPOSITORY_TOKEN";

export const WORKFLOWS_FOLDER = "workflows";

/** Workflow files: path below the output folder → YAML. */
export function githubWorkflows(spec: PlatformSpec, names: PlatformNames): Map<string, string> {
  const files = new Map<string, string>();
  const roles = githubActionsRoles(spec, names);
  for (const entry of ciRepositories(spec)) {
    files.set(`${WORKFLOWS_FOLDER}/${entry.application}.yaml`, renderWorkflow(spec, names, entry, githubActionsRoleOf(roles, entry.repository)));
  }
  return files;
}

function renderWorkflow(spec: PlatformSpec, names: PlatformNames, entry: CiRepository, role: GitHubActionsRole): string {
  const { application } = entry;
  const image = names.ecrRepositories[application]!.uri;
  const gitopsRepository = githubRepositoryOf(spec.gitops.repoURL)!;
  const branch = spec.gitops.targetRevision;
  const treePath = normalizedRepositoryPath(spec.gitops.path);
  const roleArn = role.roleArn;
  const escapedImage = image.replace(/[.]/g, "\\\\.");

  const checkoutGitOps: Record<string, unknown> = { repository: gitopsRepository, ref: branch, path: "gitops" };
  if (!entry.isGitOpsRepository) checkoutGitOps.token = `\${{ secrets.${GITOPS_TOKEN_SECRET} }}`;

  const workflow = {
    name: `${application}: build and deploy`,
    on: { push: { branches: [branch] }, workflow_dispatch: {} },
    permissions: { contents: "read" },
    env: { AWS_REGION: names.region, IMAGE: image },
    jobs: {
      build: {
        "runs-on": "ubuntu-24.04",
        // id-token lets the job ask GitHub for the OIDC token the AWS role trusts.
        permissions: { contents: "read", "id-token": "write" },
        outputs: { tag: "${{ steps.tag.outputs.tag }}" },
        steps: [
          { uses: WORKFLOW_ACTIONS.checkout },
          { name: "Image tag", id: "tag", run: 'echo "tag=${GITHUB_SHA}" >> "$GITHUB_OUTPUT"' },
          { name: "AWS credentials (OIDC)", uses: WORKFLOW_ACTIONS.configureAwsCredentials, with: { "role-to-assume": roleArn, "aws-region": "${{ env.AWS_REGION }}", audience: role.audience } },
          { name: "Log in to ECR", uses: WORKFLOW_ACTIONS.ecrLogin },
          { uses: WORKFLOW_ACTIONS.setupBuildx },
          {
            name: "Build and push",
            uses: WORKFLOW_ACTIONS.buildPush,
            with: { context: ".", push: true, tags: "${{ env.IMAGE }}:${{ steps.tag.outputs.tag }}" },
          },
        ],
      },
      deploy: {
        needs: "build",
        "runs-on": "ubuntu-24.04",
        permissions: { contents: entry.isGitOpsRepository ? "write" : "read" },
        // One push to the GitOps repository at a time.
        concurrency: { group: `gitops-${gitopsRepository}`, "cancel-in-progress": false },
        steps: [
          { name: "Check out the GitOps repository", uses: WORKFLOW_ACTIONS.checkout, with: checkoutGitOps },
          {
            name: "Set the image tag",
            "working-directory": "gitops",
            env: { TAG: "${{ needs.build.outputs.tag }}", TREE: treePath, APPLICATION: application },
            run: [
              "set -euo pipefail",
              `files=$(grep -rlF --include='*.yaml' "\${IMAGE}:" "\${TREE}" || true)`,
              'if [ -z "$files" ]; then echo "::error::no manifest in ${TREE} uses ${IMAGE}"; exit 1; fi',
              `for file in $files; do sed -i -E "s#${escapedImage}:[A-Za-z0-9_.-]+#\${IMAGE}:\${TAG}#g" "$file"; done`,
              'if [ -f slipway.yaml ]; then yq -i \'.applications[strenv(APPLICATION)].imageTag = strenv(TAG)\' slipway.yaml; fi',
              "",
            ].join("\n"),
          },
          {
            name: "Commit and push",
            "working-directory": "gitops",
            env: { TAG: "${{ needs.build.outputs.tag }}" },
            run: [
              "set -euo pipefail",
              'git config user.name "github-actions[bot]"',
              'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
              "git add -A",
              `git diff --cached --quiet && { echo "already at \${TAG}"; exit 0; }`,
              `git commit -m "${application}: deploy \${TAG}"`,
              `for attempt in 1 2 3; do git pull --rebase origin ${branch} && git push origin HEAD:${branch} && exit 0; sleep $((attempt * 5)); done`,
              "exit 1",
              "",
            ].join("\n"),
          },
        ],
      },
    },
  };
  const header = [
    `# Generated by Slipway from the platform spec. Commit it to ${entry.repository} as`,
    `# .github/workflows/${application}.yaml. It assumes ${role.roleName} through GitHub OIDC`,
    entry.isGitOpsRepository
      ? "# and pushes the new tag to this same repository with the workflow's own token."
      : `# and pushes the new tag to ${gitopsRepository} with the secret ${GITOPS_TOKEN_SECRET} (a token allowed to push there).`,
    "",
  ].join("\n");
  return header + stringify(workflow, { lineWidth: 0 });
}
