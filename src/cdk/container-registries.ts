/**
 * One ECR repository per application: scanned on push, tags immutable (a tag always
 * means the same image, which GitOps relies on), untagged images expired after 14 days
 * and at most 500 images kept.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import { Construct } from "constructs";
import type { PlatformNames } from "../platform-spec/names.js";

export interface ContainerRegistriesProps {
  readonly repositories: PlatformNames["ecrRepositories"];
  /** @default 500 */
  readonly maxImages?: number;
}

export class ContainerRegistries extends Construct {
  /** Repository per application name. */
  readonly repositories: ReadonlyMap<string, ecr.Repository>;

  constructor(scope: Construct, id: string, props: ContainerRegistriesProps) {
    super(scope, id);
    const repositories = new Map<string, ecr.Repository>();
    for (const [application, { name }] of Object.entries(props.repositories).sort(([a], [b]) => a.localeCompare(b))) {
      repositories.set(
        application,
        new aws.ecr.Repository(this, application, {
          repositoryName: name,
          imageScanOnPush: true,
          imageTagMutability: aws.ecr.TagMutability.IMMUTABLE,
          lifecycleRules: [
            { rulePriority: 1, description: "expire untagged images", tagStatus: aws.ecr.TagStatus.UNTAGGED, maxImageAge: aws.core.Duration.days(14) },
            { rulePriority: 2, description: "keep the newest images", tagStatus: aws.ecr.TagStatus.ANY, maxImageCount: props.maxImages ?? 500 },
          ],
          removalPolicy: aws.core.RemovalPolicy.RETAIN,
        }),
      );
    }
    this.repositories = repositories;
  }
}
