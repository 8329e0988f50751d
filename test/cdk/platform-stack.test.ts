/**
 * CDK assertion tests of the platform stack: one describe block per resource group of
 * issue 3, on the reference platform and on the spec variations that change them.
 */
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { EKS_ADDONS } from "../../src/versions.js";
import { platformTemplate, resourcesOf, tagsOf } from "./platform-template.js";

let reference: Template;

beforeAll(() => {
  reference = platformTemplate().template;
});

describe("GIVEN the reference platform", () => {
  describe("WHEN its network is synthesized", () => {
    it("THEN the VPC spans three zones with a public and a private subnet in each, named for the load balancer controller", () => {
      reference.resourceCountIs("AWS::EC2::VPC", 1);
      const [vpc] = resourcesOf(reference, "AWS::EC2::VPC");
      expect(vpc!.Properties.CidrBlock).toBe("10.0.0.0/16");
      expect(tagsOf(vpc!).Name).toBe("production-cluster-vpc");
      const subnets = resourcesOf(reference, "AWS::EC2::Subnet");
      expect(subnets.map((subnet) => subnet.Properties.AvailabilityZone).sort()).toEqual(["eu-west-1a", "eu-west-1a", "eu-west-1b", "eu-west-1b", "eu-west-1c", "eu-west-1c"]);
    });

    it("THEN there is one NAT gateway per zone", () => {
      reference.resourceCountIs("AWS::EC2::NatGateway", 3);
    });

    it("THEN public subnets carry the ELB role tag and private subnets the internal-ELB and Karpenter discovery tags", () => {
      const subnets = resourcesOf(reference, "AWS::EC2::Subnet").map(tagsOf);
      const publicSubnets = subnets.filter((tags) => tags["aws-cdk:subnet-type"] === "Public");
      const privateSubnets = subnets.filter((tags) => tags["aws-cdk:subnet-type"] === "Private");
      expect(publicSubnets).toHaveLength(3);
      expect(privateSubnets).toHaveLength(3);
      for (const tags of publicSubnets) {
        expect(tags["kubernetes.io/role/elb"]).toBe("1");
        expect(tags["karpenter.sh/discovery"]).toBeUndefined();
      }
      for (const tags of privateSubnets) {
        expect(tags["kubernetes.io/role/internal-elb"]).toBe("1");
        expect(tags["karpenter.sh/discovery"]).toBe("production-cluster");
      }
    });
  });

  describe("WHEN its cluster is synthesized", () => {
    it("THEN the cluster is a native AWS::EKS::Cluster and nothing is Lambda-backed", () => {
      reference.resourceCountIs("AWS::EKS::Cluster", 1);
      reference.resourceCountIs("AWS::Lambda::Function", 0);
      const custom = Object.values(reference.toJSON().Resources as Record<string, { Type: string }>).filter(
        (resource) => resource.Type.startsWith("Custom::") || resource.Type === "AWS::CloudFormation::CustomResource",
      );
      expect(custom).toEqual([]);
    });

    it("THEN it runs the spec's Kubernetes version with private and CIDR-limited public endpoint, all five log types and access entries only", () => {
      reference.hasResourceProperties("AWS::EKS::Cluster", {
        Name: "production-cluster",
        Version: "1.35",
        ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ["203.0.113.0/24"] }),
        Logging: { ClusterLogging: { EnabledTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"].map((type) => ({ Type: type })) } },
        AccessConfig: Match.objectLike({ AuthenticationMode: "API" }),
        BootstrapSelfManagedAddons: false,
      });
    });

    it("THEN Secrets are envelope-encrypted with a rotated KMS key", () => {
      reference.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
      const [cluster] = resourcesOf(reference, "AWS::EKS::Cluster");
      const [keyId] = Object.keys(reference.findResources("AWS::KMS::Key"));
      expect(cluster!.Properties.EncryptionConfig).toEqual([{ Provider: { KeyArn: { "Fn::GetAtt": [keyId, "Arn"] } }, Resources: ["secrets"] }]);
    });

    it("THEN without an admin role no admin access entry exists and the deployer keeps admin", () => {
      reference.hasResourceProperties("AWS::EKS::Cluster", { AccessConfig: Match.objectLike({ BootstrapClusterCreatorAdminPermissions: true }) });
      const standard = resourcesOf(reference, "AWS::EKS::AccessEntry").filter((entry) => entry.Properties.Type !== "EC2_LINUX");
      expect(standard).toEqual([]);
    });

    it("THEN the Karpenter node security group carries the discovery tag and is open to and from the cluster security group", () => {
      const groups = resourcesOf(reference, "AWS::EC2::SecurityGroup").filter((group) => tagsOf(group)["karpenter.sh/discovery"] === "production-cluster");
      expect(groups).toHaveLength(1);
      reference.hasResourceProperties("AWS::EC2::SecurityGroupIngress", {
        GroupId: { "Fn::GetAtt": [Match.stringLikeRegexp("^EksCluster"), "ClusterSecurityGroupId"] },
        IpProtocol: "-1",
      });
    });
  });

  describe("WHEN its managed add-ons are synthesized", () => {
    const pinned = EKS_ADDONS.versions["1.35"];
    it.each([
      ["coredns", pinned.coredns],
      ["kube-proxy", pinned.kubeProxy],
      ["vpc-cni", pinned.vpcCni],
      ["aws-ebs-csi-driver", pinned.ebsCsiDriver],
      ["eks-pod-identity-agent", pinned.podIdentityAgent],
    ])("THEN %s is installed at the pinned version %s", (addonName, version) => {
      reference.hasResourceProperties("AWS::EKS::Addon", { AddonName: addonName, AddonVersion: version });
    });

    it.each([
      ["vpc-cni", "aws-node", "production-cluster-vpc-cni"],
      ["aws-ebs-csi-driver", "ebs-csi-controller-sa", "production-cluster-ebs-csi-driver"],
    ])("THEN %s gets its own Pod Identity role for %s", (addonName, serviceAccount, roleName) => {
      const [roleId] = Object.keys(reference.findResources("AWS::IAM::Role", { Properties: { RoleName: roleName } }));
      reference.hasResourceProperties("AWS::EKS::Addon", {
        AddonName: addonName,
        PodIdentityAssociations: [{ ServiceAccount: serviceAccount, RoleArn: { "Fn::GetAtt": [roleId, "Arn"] } }],
      });
    });

    it("THEN CNI, kube-proxy and the Pod Identity agent come before the node groups, CoreDNS and EBS CSI after", () => {
      const addonIds = Object.fromEntries(Object.entries(reference.findResources("AWS::EKS::Addon")).map(([id, resource]) => [resource.Properties.AddonName, id]));
      for (const nodegroup of resourcesOf(reference, "AWS::EKS::Nodegroup")) {
        expect(nodegroup.DependsOn).toEqual(expect.arrayContaining([addonIds["vpc-cni"], addonIds["kube-proxy"], addonIds["eks-pod-identity-agent"]]));
      }
      const nodegroupIds = Object.keys(reference.findResources("AWS::EKS::Nodegroup"));
      for (const name of ["coredns", "aws-ebs-csi-driver"]) {
        expect(reference.toJSON().Resources[addonIds[name]!].DependsOn).toEqual(expect.arrayContaining(nodegroupIds));
      }
    });
  });

  describe("WHEN its managed node groups are synthesized", () => {
    it("THEN system is m6i.large, 2-4 nodes, tainted CriticalAddonsOnly and labelled role=system", () => {
      reference.hasResourceProperties("AWS::EKS::Nodegroup", {
        NodegroupName: "production-cluster-system",
        InstanceTypes: ["m6i.large"],
        ScalingConfig: { MinSize: 2, MaxSize: 4, DesiredSize: 2 },
        Taints: [{ Key: "CriticalAddonsOnly", Value: "true", Effect: "NO_SCHEDULE" }],
        Labels: { role: "system" },
        AmiType: "AL2023_x86_64_STANDARD",
      });
    });

    it("THEN application is c6i.xlarge/c6i.2xlarge, 2-20 nodes, without taints", () => {
      reference.hasResourceProperties("AWS::EKS::Nodegroup", {
        NodegroupName: "production-cluster-application",
        InstanceTypes: ["c6i.xlarge", "c6i.2xlarge"],
        ScalingConfig: { MinSize: 2, MaxSize: 20, DesiredSize: 2 },
        Taints: [],
      });
    });

    it.each([
      ["system", 50],
      ["application", 100],
    ])("THEN the %s launch template requires IMDSv2 with hop limit 1 and an encrypted gp3 root volume of %i GiB", (name, size) => {
      reference.hasResourceProperties("AWS::EC2::LaunchTemplate", {
        LaunchTemplateName: `production-cluster-${name}`,
        LaunchTemplateData: Match.objectLike({
          MetadataOptions: Match.objectLike({ HttpTokens: "required", HttpPutResponseHopLimit: 1 }),
          BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: size, VolumeType: "gp3", Encrypted: true, DeleteOnTermination: true } }],
        }),
      });
    });
  });

  describe("WHEN Karpenter's AWS side is synthesized", () => {
    it("THEN its node role has an EC2_LINUX access entry", () => {
      const [roleId] = Object.keys(reference.findResources("AWS::IAM::Role", { Properties: { RoleName: "production-cluster-karpenter-node" } }));
      reference.hasResourceProperties("AWS::EKS::AccessEntry", { Type: "EC2_LINUX", PrincipalArn: { "Fn::GetAtt": [roleId, "Arn"] } });
    });

    it("THEN the interruption queue is encrypted, keeps messages 5 minutes and refuses plain HTTP", () => {
      reference.hasResourceProperties("AWS::SQS::Queue", { QueueName: "production-cluster-karpenter-interruption", SqsManagedSseEnabled: true, MessageRetentionPeriod: 300 });
      reference.hasResourceProperties("AWS::SQS::QueuePolicy", {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]),
        }),
      });
    });

    it.each([
      ["aws.ec2", "EC2 Spot Instance Interruption Warning"],
      ["aws.ec2", "EC2 Instance Rebalance Recommendation"],
      ["aws.ec2", "EC2 Instance State-change Notification"],
      ["aws.health", "AWS Health Event"],
    ])("THEN an EventBridge rule sends %s '%s' to the queue", (source, detailType) => {
      const [queueId] = Object.keys(reference.findResources("AWS::SQS::Queue"));
      reference.hasResourceProperties("AWS::Events::Rule", {
        EventPattern: { source: [source], "detail-type": [detailType] },
        Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [queueId, "Arn"] } })],
      });
    });

    it("THEN the controller's Pod Identity role may pass only the node role and read only its queue", () => {
      const role = resourcesOf(reference, "AWS::IAM::Role").find((resource) => resource.Properties.RoleName === "production-cluster-karpenter-controller")!;
      const statements = role.Properties.Policies[0].PolicyDocument.Statement as Array<Record<string, any>>;
      const bySid = Object.fromEntries(statements.map((statement) => [statement.Sid, statement]));
      expect(bySid.AllowPassingInstanceRole!.Resource).toBe("arn:aws:iam::111122223333:role/production-cluster-karpenter-node");
      expect(bySid.AllowInterruptionQueueActions!.Resource).toEqual({ "Fn::GetAtt": [Object.keys(reference.findResources("AWS::SQS::Queue"))[0], "Arn"] });
      expect(bySid.AllowScopedDeletion!.Condition.StringEquals).toEqual({ "aws:ResourceTag/kubernetes.io/cluster/production-cluster": "owned" });
      expect(Object.keys(bySid).sort()).toEqual(
        [
          "AllowAPIServerEndpointDiscovery",
          "AllowInstanceProfileReadActions",
          "AllowInterruptionQueueActions",
          "AllowPassingInstanceRole",
          "AllowPricingReadActions",
          "AllowRegionalReadActions",
          "AllowSSMReadActions",
          "AllowScopedDeletion",
          "AllowScopedEC2InstanceActions",
          "AllowScopedEC2InstanceActionsWithTags",
          "AllowScopedInstanceProfileActions",
          "AllowScopedInstanceProfileCreationActions",
          "AllowScopedInstanceProfileTagActions",
          "AllowScopedResourceCreationTagging",
          "AllowScopedResourceTagging",
        ].sort(),
      );
    });
  });

  describe("WHEN the workload identities are synthesized", () => {
    it.each([
      ["kube-system", "aws-load-balancer-controller", "production-cluster-aws-load-balancer-controller"],
      ["kube-system", "karpenter", "production-cluster-karpenter-controller"],
      ["external-secrets", "external-secrets", "production-cluster-external-secrets"],
      ["monitoring", "loki", "production-cluster-loki"],
      ["monitoring", "tempo", "production-cluster-tempo"],
    ])("THEN %s/%s is associated with %s, which only EKS Pod Identity can assume", (namespace, serviceAccount, roleName) => {
      const [roleId, role] = Object.entries(reference.findResources("AWS::IAM::Role", { Properties: { RoleName: roleName } }))[0]!;
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: ["sts:AssumeRole", "sts:TagSession"], Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" } },
      ]);
      reference.hasResourceProperties("AWS::EKS::PodIdentityAssociation", { Namespace: namespace, ServiceAccount: serviceAccount, RoleArn: { "Fn::GetAtt": [roleId, "Arn"] } });
    });

    it("THEN External Secrets may only read secrets below the platform prefix", () => {
      const role = resourcesOf(reference, "AWS::IAM::Role").find((resource) => resource.Properties.RoleName === "production-cluster-external-secrets")!;
      expect(role.Properties.Policies[0].PolicyDocument.Statement).toEqual([
        {
          Sid: "ReadPlatformSecrets",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds", "secretsmanager:GetResourcePolicy"],
          Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:production-cluster/*",
        },
      ]);
    });

    it("THEN the AWS Load Balancer Controller gets the upstream policy, tag-scoped", () => {
      const role = resourcesOf(reference, "AWS::IAM::Role").find((resource) => resource.Properties.RoleName === "production-cluster-aws-load-balancer-controller")!;
      const statements = role.Properties.Policies[0].PolicyDocument.Statement as Array<Record<string, any>>;
      expect(statements).toHaveLength(16);
      const deletion = statements.find((statement) => ([] as string[]).concat(statement.Action).includes("elasticloadbalancing:DeleteLoadBalancer"))!;
      expect(deletion.Condition).toEqual({ Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } });
    });

    it("THEN cert-manager gets no AWS role: the spec validates no certificate through Route 53", () => {
      expect(Object.keys(reference.findResources("AWS::IAM::Role", { Properties: { RoleName: "production-cluster-cert-manager" } }))).toEqual([]);
    });

    it.each([
      ["loki", "production-cluster-loki-111122223333-eu-west-1", 32],
      ["tempo", "production-cluster-tempo-111122223333-eu-west-1", 15],
    ])("THEN %s has its own encrypted, private, TLS-only, logged bucket %s expiring after %i days", (component, bucketName, days) => {
      const [bucketId] = Object.keys(reference.findResources("AWS::S3::Bucket", { Properties: { BucketName: bucketName } }));
      reference.hasResourceProperties("AWS::S3::Bucket", {
        BucketName: bucketName,
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: `${bucketName}/` }),
        LifecycleConfiguration: {
          Rules: [
            { Id: "expire-after-retention", ExpirationInDays: days, Status: "Enabled" },
            { Id: "abort-incomplete-uploads", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: "Enabled" },
          ],
        },
      });
      reference.hasResourceProperties("AWS::S3::BucketPolicy", {
        Bucket: { Ref: bucketId },
        PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) }),
      });
      const role = resourcesOf(reference, "AWS::IAM::Role").find((resource) => resource.Properties.RoleName === `production-cluster-${component}`)!;
      const resources = (role.Properties.Policies[0].PolicyDocument.Statement as Array<{ Resource: unknown }>).map((statement) => JSON.stringify(statement.Resource));
      expect(resources.every((resource) => resource.includes(bucketId!))).toBe(true);
    });
  });

  describe("WHEN the CI side is synthesized", () => {
    it("THEN api-server has an ECR repository scanned on push, with immutable tags and a lifecycle policy", () => {
      reference.hasResourceProperties("AWS::ECR::Repository", {
        RepositoryName: "production-cluster/api-server",
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: "IMMUTABLE",
        LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"tagStatus":"untagged"') },
      });
    });

    it("THEN GitHub Actions of the GitOps repository's main branch, and nothing else, may assume the CI role", () => {
      reference.hasResourceProperties("AWS::IAM::OIDCProvider", { Url: "https://token.actions.githubusercontent.com", ClientIdList: ["sts.amazonaws.com"] });
      reference.hasResourceProperties("AWS::IAM::Role", {
        RoleName: "production-cluster-github-actions",
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: {
                  "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                  "token.actions.githubusercontent.com:sub": ["repo:example-org/platform-gitops:ref:refs/heads/main"],
                },
              },
            }),
          ],
        },
      });
    });

    it("THEN the CI role may push only to the platform's ECR repositories tagged with its name", () => {
      const [repository] = resourcesOf(reference, "AWS::ECR::Repository");
      expect(tagsOf(repository!)["slipway.io/ci-role"]).toBe("production-cluster-github-actions");
      reference.hasResourceProperties("AWS::IAM::Role", {
        RoleName: "production-cluster-github-actions",
        Policies: [
          {
            PolicyName: "EcrPush",
            PolicyDocument: {
              Statement: [
                Match.objectLike({
                  Action: Match.arrayWith(["ecr:PutImage"]),
                  Resource: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ecr:eu-west-1:111122223333:repository/production-cluster/*"]] },
                  Condition: { StringEquals: { "ecr:ResourceTag/slipway.io/ci-role": "production-cluster-github-actions" } },
                }),
                Match.objectLike({ Action: "ecr:GetAuthorizationToken", Resource: "*" }),
              ],
            },
          },
        ],
      });
    });

    it("THEN the Argo CD host has an ACM certificate validated by DNS", () => {
      reference.hasResourceProperties("AWS::CertificateManager::Certificate", { DomainName: "argocd.example.com", ValidationMethod: "DNS" });
    });

    it("THEN the stack outputs what only exists after deployment", () => {
      const outputs = Object.keys(reference.toJSON().Outputs as object).sort();
      expect(outputs).toEqual(["ArgoCdCertificateArn", "ClusterEndpoint", "ClusterName", "ClusterSecurityGroupId", "GitHubActionsRoleArn", "KarpenterInterruptionQueueUrl"]);
    });
  });
});

describe("GIVEN spec variations", () => {
  it("WHEN natGateways is single THEN one NAT gateway serves all zones", () => {
    platformTemplate({ cluster: { natGateways: "single" } }).template.resourceCountIs("AWS::EC2::NatGateway", 1);
  });

  it("WHEN an admin role is set THEN it gets a cluster-admin access entry and the deployer loses bootstrap admin", () => {
    const { template } = platformTemplate({ cluster: { adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin" } });
    const admin = resourcesOf(template, "AWS::EKS::AccessEntry").find((entry) => entry.Properties.PrincipalArn === "arn:aws:iam::111122223333:role/platform-admin")!;
    expect(admin.Properties.AccessPolicies).toHaveLength(1);
    expect(admin.Properties.AccessPolicies[0].AccessScope).toEqual({ Type: "cluster" });
    expect(JSON.stringify(admin.Properties.AccessPolicies[0].PolicyArn)).toContain(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
    template.hasResourceProperties("AWS::EKS::Cluster", { AccessConfig: Match.objectLike({ BootstrapClusterCreatorAdminPermissions: false }) });
  });

  it("WHEN Kubernetes 1.36 is chosen THEN the cluster and kube-proxy follow it", () => {
    const { template } = platformTemplate({ cluster: { kubernetesVersion: "1.36" } });
    template.hasResourceProperties("AWS::EKS::Cluster", { Version: "1.36" });
    template.hasResourceProperties("AWS::EKS::Addon", { AddonName: "kube-proxy", AddonVersion: EKS_ADDONS.versions["1.36"].kubeProxy });
  });

  it("WHEN Karpenter is disabled THEN no interruption queue, rules or Karpenter roles exist", () => {
    const { template } = platformTemplate({ karpenter: { enabled: false } });
    template.resourceCountIs("AWS::SQS::Queue", 0);
    template.resourceCountIs("AWS::Events::Rule", 0);
    expect(Object.keys(template.findResources("AWS::IAM::Role", { Properties: { RoleName: "production-cluster-karpenter-node" } }))).toEqual([]);
  });

  it("WHEN an application names its own GitHub repository THEN the CI role trusts that repository", () => {
    const { template } = platformTemplate({ applications: { "api-server": { namespace: "production", githubRepository: "acme/api" } } });
    template.hasResourceProperties("AWS::IAM::Role", {
      RoleName: "production-cluster-github-actions",
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: Match.objectLike({ StringEquals: Match.objectLike({ "token.actions.githubusercontent.com:sub": ["repo:acme/api:ref:refs/heads/main"] }) }) })] },
    });
  });

  it("WHEN no repository is on GitHub THEN there is no OIDC provider and no CI role", () => {
    const { template } = platformTemplate({ gitops: { repoURL: "https://gitlab.com/acme/platform.git" } });
    template.resourceCountIs("AWS::IAM::OIDCProvider", 0);
    expect(Object.keys(template.findResources("AWS::IAM::Role", { Properties: { RoleName: "production-cluster-github-actions" } }))).toEqual([]);
  });

  it("WHEN an application has a public host THEN the certificate covers it as an alternative name", () => {
    const { template } = platformTemplate({ applications: { "api-server": { namespace: "production", host: "api.example.com" } } });
    template.hasResourceProperties("AWS::CertificateManager::Certificate", { DomainName: "argocd.example.com", SubjectAlternativeNames: ["api.example.com"] });
  });

  it("WHEN a node group is arm64 THEN it uses the arm64 AMI type", () => {
    const { template } = platformTemplate({ nodeGroups: { arm: { instanceTypes: ["m7g.large"], minSize: 1, maxSize: 2 } } });
    template.hasResourceProperties("AWS::EKS::Nodegroup", { NodegroupName: "production-cluster-arm", AmiType: "AL2023_ARM_64_STANDARD" });
  });
});

describe("GIVEN a region in the China or GovCloud partition", () => {
  /**
   * Every string of the template as CloudFormation resolves it in `partition` (Fn::Join
   * joined, `AWS::Partition` filled in, other references left as <ref>), and every
   * Principal.Service, walked once.
   */
  function collect(template: Template, partition = "aws"): { strings: string[]; services: Set<string> } {
    const strings: string[] = [];
    const services = new Set<string>();
    const text = (value: unknown): string => {
      if (typeof value === "string") return value;
      const object = value as Record<string, unknown>;
      if (object?.Ref === "AWS::Partition") return partition;
      if (object !== null && typeof object === "object" && "Fn::Join" in object) {
        const [separator, parts] = object["Fn::Join"] as [string, unknown[]];
        return parts.map(text).join(separator);
      }
      return "<ref>";
    };
    const walk = (value: unknown, key?: string) => {
      if (typeof value === "string") strings.push(value);
      else if (Array.isArray(value)) value.forEach((item) => walk(item, key));
      else if (value !== null && typeof value === "object") {
        if ("Fn::Join" in value) {
          strings.push(text(value));
          return;
        }
        for (const [childKey, child] of Object.entries(value)) {
          if (key === "Principal" && childKey === "Service") for (const service of [child].flat()) services.add(text(service));
          walk(child, childKey);
        }
      }
    };
    walk(template.toJSON());
    return { strings, services };
  }

  const referencePrincipals = () => [...collect(reference).services].sort();

  /** The Service principals each node role (managed node groups, Karpenter's nodes) trusts. */
  const nodeRolePrincipals = (template: Template) =>
    resourcesOf(template, "AWS::IAM::Role")
      .filter((role) => /^(Managed node groups of|Nodes Karpenter launches for) /.test(String(role.Properties.Description)))
      .map((role) => (role.Properties.AssumeRolePolicyDocument.Statement as { Principal: { Service: unknown } }[]).map((statement) => statement.Principal.Service));

  it.each([
    ["cn-north-1", "ec2.amazonaws.com.cn"],
    ["cn-northwest-1", "ec2.amazonaws.com.cn"],
    ["us-gov-west-1", "ec2.amazonaws.com"],
    ["eu-west-1", "ec2.amazonaws.com"],
  ])("WHEN %s is synthesized THEN both node roles trust %s (EKS refuses a China node group whose role lacks ec2.amazonaws.com.cn)", (region, principal) => {
    const { template } = platformTemplate({ aws: { account: "123456789012", region } });
    expect(nodeRolePrincipals(template)).toEqual([[principal], [principal]]);
  });

  it("WHEN Karpenter's controller may pass the node role THEN to EC2 by either name, as upstream's template allows", () => {
    const { template } = platformTemplate({ aws: { account: "123456789012", region: "cn-north-1" } });
    expect(JSON.stringify(template.toJSON())).toContain('"iam:PassedToService":["ec2.amazonaws.com","ec2.amazonaws.com.cn"]');
  });

  it.each([
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
  ])("WHEN %s is synthesized THEN every literal ARN is in %s, and the service principals are the standard <service>.amazonaws.com ones but EC2's in China", (region, partition) => {
    const { template } = platformTemplate({ aws: { account: "123456789012", region } });
    const { strings, services } = collect(template, partition);
    const arns = strings.filter((text) => text.startsWith("arn:"));
    expect(arns.length).toBeGreaterThan(10);
    expect(arns.filter((arn) => !arn.startsWith(`arn:${partition}:`))).toEqual([]);
    // AWS-managed policies and CDK's own ARNs are joined with the stack's partition, never a literal arn:aws:.
    expect(strings.filter((text) => text.includes("arn:aws:"))).toEqual([]);
    // aws-cdk-lib's ServicePrincipal writes <service>.amazonaws.com in every partition (its
    // region-info marks the per-partition forms deprecated); only the node roles' EC2
    // principal follows the partition's DNS suffix, as Karpenter's template writes it.
    const ec2 = partition === "aws-cn" ? "ec2.amazonaws.com.cn" : "ec2.amazonaws.com";
    expect([...services].sort()).toEqual(referencePrincipals().map((service) => (service === "ec2.amazonaws.com" ? ec2 : service)).sort());
  });
});
