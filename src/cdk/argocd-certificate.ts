/**
 * The ACM certificate of the Argo CD host (and the other public hosts of the platform as
 * alternative names), validated by DNS. With the EKS managed Argo CD (served by AWS at its
 * own URL) it covers only the Grafana and application hosts, and is not made without them. CloudFormation waits until the validation CNAME
 * records exist: they are shown in the stack events and the ACM console, and the AWS Load
 * Balancer Controller finds the issued certificate by host name, so no ARN is copied.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as acm from "aws-cdk-lib/aws-certificatemanager";
import { Construct } from "constructs";

export interface ArgoCdCertificateProps {
  readonly host: string;
  /** @default none */
  readonly alternativeHosts?: readonly string[];
}

export class ArgoCdCertificate extends Construct {
  readonly certificate: acm.Certificate;

  constructor(scope: Construct, id: string, props: ArgoCdCertificateProps) {
    super(scope, id);
    const alternatives = [...new Set(props.alternativeHosts ?? [])].filter((host) => host !== props.host).sort();
    this.certificate = new aws.certificateManager.Certificate(this, "Certificate", {
      domainName: props.host,
      subjectAlternativeNames: alternatives.length > 0 ? alternatives : undefined,
      validation: aws.certificateManager.CertificateValidation.fromDns(),
    });
  }
}
