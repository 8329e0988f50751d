/**
 * The root Application of the app-of-apps: it applies the `apps/` folder, whose
 * Applications own everything else. It is applied once by the deploy step, together with
 * `apps/projects/platform.yaml` (the project it belongs to must exist first); afterwards
 * the root Application adopts that project from `apps/projects` like any other object.
 */
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { ARGOCD_NAMESPACE, folderApplication } from "./application.js";
import { PLATFORM_PROJECT } from "./app-projects.js";

export const ROOT_APPLICATION = "root";
export const ROOT_APPLICATION_PATH = "bootstrap/root-application.yaml";
export const APPS_FOLDER = "apps";

export const rootApplicationGenerator: GitOpsGenerator = ({ spec }) => [
  {
    path: ROOT_APPLICATION_PATH,
    objects: [
      folderApplication(spec, {
        name: ROOT_APPLICATION,
        project: PLATFORM_PROJECT,
        // The root has no siblings; its wave only keeps the annotation uniform.
        wave: SYNC_WAVES.projects,
        destinationNamespace: ARGOCD_NAMESPACE,
        folder: APPS_FOLDER,
      }),
    ],
  },
];
