/**
 * The local cluster's own PKI: a cluster CA, the API server's serving certificate, one
 * client certificate per component (so RBAC sees each under its real identity), a
 * front-proxy CA and client for the aggregation layer (metrics-server, and
 * prometheus-adapter for `slipway simulate`), and the
 * service-account signing key pair.
 *
 * ECDSA P-256 keys from Node's WebCrypto: generated in milliseconds, accepted by every
 * Kubernetes component (ES256 for service-account tokens). Certificates are made with
 * @peculiar/x509, a library made for exactly this, rather than by shelling out to openssl.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
/** Local clusters are short-lived; a year keeps a forgotten one working. */
const VALIDITY_MS = 365 * 24 * 3600 * 1000;
/** Certificates start an hour early so a machine whose clock drifts does not reject them. */
const CLOCK_SKEW_MS = 3600 * 1000;

/** A client identity: CN is the user name, O the groups (RBAC subjects). */
export interface ClientIdentity {
  readonly file: string;
  readonly commonName: string;
  readonly organizations: readonly string[];
}

/** Identities of the components; their names are the ones RBAC's bootstrap policy binds. */
export const CLIENT_IDENTITIES = {
  admin: { file: "admin", commonName: "slipway-admin", organizations: ["system:masters"] },
  controllerManager: { file: "kube-controller-manager", commonName: "system:kube-controller-manager", organizations: [] },
  scheduler: { file: "kube-scheduler", commonName: "system:kube-scheduler", organizations: [] },
  // kwok acts as every kubelet; system:masters keeps it from tripping over the Node authorizer.
  kwok: { file: "kwok", commonName: "kwok", organizations: ["system:masters"] },
  // The chart that would grant the Rollouts controller its ClusterRole is not rendered offline.
  rolloutsController: { file: "argo-rollouts", commonName: "argo-rollouts", organizations: ["system:masters"] },
  // Karpenter's kwok provider creates and deletes Nodes itself (there is no kubelet to register
  // them) and needs KWOKNodeClasses, which the chart's AWS ClusterRoles do not name; like the
  // other host-run add-on controllers it gets the admin group.
  karpenter: { file: "karpenter", commonName: "karpenter", organizations: ["system:masters"] },
  metricsServer: { file: "metrics-server", commonName: "metrics-server", organizations: ["system:masters"] },
  // prometheus-adapter (slipway simulate) reads pods and namespaces and delegates authentication, as metrics-server does.
  prometheusAdapter: { file: "prometheus-adapter", commonName: "prometheus-adapter", organizations: ["system:masters"] },
  // Argo CD's chart binds its application-controller to a ClusterRole of every verb on every resource.
  argoCdController: { file: "argocd-application-controller", commonName: "argocd-application-controller", organizations: ["system:masters"] },
  apiserverKubeletClient: { file: "apiserver-kubelet-client", commonName: "kube-apiserver-kubelet-client", organizations: ["system:masters"] },
} as const satisfies Record<string, ClientIdentity>;

export type ClientName = keyof typeof CLIENT_IDENTITIES;

export interface KeyPairFiles {
  readonly cert: string;
  readonly key: string;
}

export interface Pki {
  readonly caCert: string;
  readonly caKey: string;
  readonly serving: KeyPairFiles;
  /**
   * Serving certificate of the host-run aggregated API servers (metrics-server, and
   * prometheus-adapter under `slipway simulate`): the aggregator checks it against each
   * APIService's Service DNS name, all of which it names. Both listen on loopback only.
   */
  readonly metricsServing: KeyPairFiles;
  readonly clients: Readonly<Record<ClientName, KeyPairFiles>>;
  readonly frontProxyCaCert: string;
  readonly frontProxyClient: KeyPairFiles;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
}

/** Host names and addresses the API server answers to, from the host and from pods. */
const SERVING_NAMES = ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"];

export async function createPki(directory: string, serviceIp: string, aggregatedServiceNames: readonly string[]): Promise<Pki> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const now = Date.now();
  const issue = (subject: string, issuer: Authority | undefined, keys: CryptoKeyPair, extensions: x509.Extension[], serial: number) =>
    issuer === undefined
      ? x509.X509CertificateGenerator.createSelfSigned({ serialNumber: serialHex(serial), name: subject, notBefore: new Date(now - CLOCK_SKEW_MS), notAfter: new Date(now + VALIDITY_MS), keys, signingAlgorithm: ALGORITHM, extensions })
      : x509.X509CertificateGenerator.create({
          serialNumber: serialHex(serial),
          subject,
          issuer: issuer.certificate.subject,
          notBefore: new Date(now - CLOCK_SKEW_MS),
          notAfter: new Date(now + VALIDITY_MS),
          publicKey: keys.publicKey,
          signingKey: issuer.keys.privateKey,
          signingAlgorithm: ALGORITHM,
          extensions,
        });
  let serial = 1;
  const authority = async (name: string): Promise<Authority> => {
    const keys = await generateKeys();
    const certificate = await issue(`CN=${name}`, undefined, keys, [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
    ], serial++);
    return { certificate, keys };
  };
  const leaf = async (file: string, subject: string, issuer: Authority, usage: "server" | "client", extra: x509.Extension[] = []): Promise<KeyPairFiles> => {
    const keys = await generateKeys();
    const certificate = await issue(subject, issuer, keys, [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([usage === "server" ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
      ...extra,
    ], serial++);
    return writePair(directory, file, certificate, keys);
  };

  const ca = await authority("slipway-local-ca");
  const frontProxyCa = await authority("slipway-local-front-proxy-ca");
  const serving = await leaf("apiserver", "CN=kube-apiserver", ca, "server", [
    new x509.SubjectAlternativeNameExtension([...SERVING_NAMES.map((value) => ({ type: "dns" as const, value })), { type: "ip", value: "127.0.0.1" }, { type: "ip", value: serviceIp }]),
  ]);
  const metricsServing = await leaf("metrics-server-serving", "CN=metrics-server", ca, "server", [
    new x509.SubjectAlternativeNameExtension([...aggregatedServiceNames.map((value) => ({ type: "dns" as const, value })), { type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }]),
  ]);
  const clients = {} as Record<ClientName, KeyPairFiles>;
  for (const [name, identity] of Object.entries(CLIENT_IDENTITIES) as [ClientName, ClientIdentity][]) {
    clients[name] = await leaf(identity.file, subjectOf(identity), ca, "client");
  }
  const frontProxyClient = await leaf("front-proxy-client", "CN=front-proxy-client", frontProxyCa, "client");
  const caFiles = await writePair(directory, "ca", ca.certificate, ca.keys);
  const frontProxyFiles = await writePair(directory, "front-proxy-ca", frontProxyCa.certificate, frontProxyCa.keys);
  const serviceAccount = await generateKeys();
  const serviceAccountKey = join(directory, "sa.key");
  const serviceAccountPublicKey = join(directory, "sa.pub");
  await writeFile(serviceAccountKey, await privateKeyPem(serviceAccount.privateKey), { mode: 0o600 });
  await writeFile(serviceAccountPublicKey, x509.PemConverter.encode(await webcrypto.subtle.exportKey("spki", serviceAccount.publicKey), "PUBLIC KEY"));
  return {
    caCert: caFiles.cert,
    caKey: caFiles.key,
    serving,
    metricsServing,
    clients,
    frontProxyCaCert: frontProxyFiles.cert,
    frontProxyClient,
    serviceAccountKey,
    serviceAccountPublicKey,
  };
}

interface Authority {
  readonly certificate: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

function subjectOf(identity: ClientIdentity): string {
  return [...identity.organizations.map((organization) => `O=${organization}`), `CN=${identity.commonName}`].join(", ");
}

function serialHex(serial: number): string {
  return serial.toString(16).padStart(2, "0");
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

async function writePair(directory: string, file: string, certificate: x509.X509Certificate, keys: CryptoKeyPair): Promise<KeyPairFiles> {
  const cert = join(directory, `${file}.crt`);
  const key = join(directory, `${file}.key`);
  await writeFile(cert, certificate.toString("pem") + "\n");
  await writeFile(key, await privateKeyPem(keys.privateKey), { mode: 0o600 });
  return { cert, key };
}
