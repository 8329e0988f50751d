import { restrictedVolumesCheck } from "../../../../src/check/pod-security/checks/restricted-volumes.js";
import { describeCheckVersion } from "./check-table.js";

const allowed = ["emptyDir", "secret", "persistentVolumeClaim", "downwardAPI", "configMap", "projected", "csi", "ephemeral", "image"];
const restricted = [
  "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs",
  "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
];

describeCheckVersion(restrictedVolumesCheck, 0, [
  {
    name: "host path volumes",
    spec: {
      volumes: [
        ...allowed.map((source, index) => ({ name: `a${index + 1}`, [source]: {} })),
        ...restricted.map((source, index) => ({ name: `b${index + 1}`, [source]: {} })),
        { name: "c1" },
      ],
    },
    reason: "restricted volume types",
    detail:
      "volumes " +
      '"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1"' +
      " use restricted volume types " +
      '"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", ' +
      '"hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume"',
  },
  { name: "one nfs volume", spec: { volumes: [{ name: "data", nfs: { server: "nfs", path: "/" } }] }, reason: "restricted volume types", detail: 'volume "data" uses restricted volume type "nfs"' },
  { name: "allowed volumes only", spec: { volumes: allowed.map((source) => ({ name: source, [source]: {} })) } },
]);
