// The EKS Blueprints side of bench/synth-vs-eks-blueprints.ts: the reference platform as
// a blueprint, with the add-ons that synthesize offline (no `auto` versions: those call
// the EKS API at synth time). Run directly it is a CDK app writing to $CDK_OUTDIR.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const blueprints = require("@aws-quickstart/eks-blueprints");
const cdk = require("aws-cdk-lib");
const eks = require("aws-cdk-lib/aws-eks");
const ec2 = require("aws-cdk-lib/aws-ec2");

// Blueprints logs every add-on at debug level; keep console output out of the timing.
blueprints.utils.userLog.settings.minLevel = 4;

/** `pinned`: the EKS add-on versions Slipway uses (EKS_ADDONS.versions["1.35"]). */
export async function synthesizeBlueprint(outdir, pinned) {
  const app = new cdk.App({ outdir });
  const version = eks.KubernetesVersion.of("1.35");
  const launchTemplate = (size) => ({
    blockDevices: [{ deviceName: "/dev/xvda", volume: ec2.BlockDeviceVolume.ebs(size, { volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true }) }],
    requireImdsv2: true,
    httpPutResponseHopLimit: 1,
  });
  const clusterProvider = new blueprints.GenericClusterProvider({
    version,
    endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom("203.0.113.0/24"),
    clusterLogging: [
      eks.ClusterLoggingTypes.API,
      eks.ClusterLoggingTypes.AUDIT,
      eks.ClusterLoggingTypes.AUTHENTICATOR,
      eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
      eks.ClusterLoggingTypes.SCHEDULER,
    ],
    managedNodeGroups: [
      {
        id: "system",
        instanceTypes: [new ec2.InstanceType("m6i.large")],
        minSize: 2,
        maxSize: 4,
        desiredSize: 2,
        nodeGroupCapacityType: eks.CapacityType.ON_DEMAND,
        labels: { role: "system" },
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: eks.TaintEffect.NO_SCHEDULE }],
        launchTemplate: launchTemplate(50),
      },
      {
        id: "application",
        instanceTypes: [new ec2.InstanceType("c6i.xlarge"), new ec2.InstanceType("c6i.2xlarge")],
        minSize: 2,
        maxSize: 20,
        desiredSize: 2,
        nodeGroupCapacityType: eks.CapacityType.ON_DEMAND,
        labels: { role: "application" },
        launchTemplate: launchTemplate(100),
      },
    ],
  });
  const addons = blueprints.addons;
  await blueprints.EksBlueprint.builder()
    .account("111122223333")
    .region("eu-west-1")
    .version(version)
    .clusterProvider(clusterProvider)
    .addOns(
      new addons.VpcCniAddOn({ version: pinned.vpcCni }),
      new addons.CoreDnsAddOn(pinned.coredns),
      new addons.KubeProxyAddOn(pinned.kubeProxy),
      new addons.EbsCsiDriverAddOn({ version: pinned.ebsCsiDriver }),
      new addons.EksPodIdentityAgentAddOn(pinned.podIdentityAgent),
      new addons.AwsLoadBalancerControllerAddOn(),
      new addons.KarpenterV1AddOn(),
      new addons.ExternalsSecretsAddOn(),
      new addons.CertManagerAddOn(),
      new addons.MetricsServerAddOn(),
      new addons.ArgoCDAddOn(),
    )
    .buildAsync(app, "blueprint");
  app.synth();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await synthesizeBlueprint(process.env.CDK_OUTDIR, JSON.parse(process.env.PINNED_ADDONS));
}
