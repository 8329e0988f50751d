/**
 * The parts of aws-cdk-lib the platform stack uses, loaded through `require`.
 *
 * Why not `import * as iam from "aws-cdk-lib/aws-iam"`: aws-cdk-lib is CommonJS whose
 * module indexes define every class as a lazy getter; Node builds the namespace of an ES
 * module import of CommonJS by reading every export, which loads every class of every
 * module imported (about 1,000 files). Through `require` only the classes the stack
 * touches load. Measured in bench/synth-cold.ts (docs/infrastructure.md). Types still
 * come from `import type`, which costs nothing at run time.
 */
import { createRequire } from "node:module";
import type * as CertificateManager from "aws-cdk-lib/aws-certificatemanager";
import type * as Core from "aws-cdk-lib/core";
import type * as Ec2 from "aws-cdk-lib/aws-ec2";
import type * as Ecr from "aws-cdk-lib/aws-ecr";
import type * as Eks from "aws-cdk-lib/aws-eks";
import type * as EksV2 from "aws-cdk-lib/aws-eks-v2";
import type * as Events from "aws-cdk-lib/aws-events";
import type * as EventsTargets from "aws-cdk-lib/aws-events-targets";
import type * as Iam from "aws-cdk-lib/aws-iam";
import type * as Kms from "aws-cdk-lib/aws-kms";
import type * as S3 from "aws-cdk-lib/aws-s3";
import type * as Sqs from "aws-cdk-lib/aws-sqs";
import type * as RegionInfo from "aws-cdk-lib/region-info";

const load = createRequire(import.meta.url);

/** Each module is required on first use, and then only the classes read from it load. */
export const aws = {
  get core(): typeof Core { return load("aws-cdk-lib/core") as typeof Core; },
  get certificateManager(): typeof CertificateManager { return load("aws-cdk-lib/aws-certificatemanager") as typeof CertificateManager; },
  get ec2(): typeof Ec2 { return load("aws-cdk-lib/aws-ec2") as typeof Ec2; },
  get ecr(): typeof Ecr { return load("aws-cdk-lib/aws-ecr") as typeof Ecr; },
  get eks(): typeof Eks { return load("aws-cdk-lib/aws-eks") as typeof Eks; },
  get eksV2(): typeof EksV2 { return load("aws-cdk-lib/aws-eks-v2") as typeof EksV2; },
  get events(): typeof Events { return load("aws-cdk-lib/aws-events") as typeof Events; },
  get eventsTargets(): typeof EventsTargets { return load("aws-cdk-lib/aws-events-targets") as typeof EventsTargets; },
  get iam(): typeof Iam { return load("aws-cdk-lib/aws-iam") as typeof Iam; },
  get kms(): typeof Kms { return load("aws-cdk-lib/aws-kms") as typeof Kms; },
  get s3(): typeof S3 { return load("aws-cdk-lib/aws-s3") as typeof S3; },
  get sqs(): typeof Sqs { return load("aws-cdk-lib/aws-sqs") as typeof Sqs; },
  get regionInfo(): typeof RegionInfo { return load("aws-cdk-lib/region-info") as typeof RegionInfo; },
};
