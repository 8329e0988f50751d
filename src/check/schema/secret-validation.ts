/**
 * The API server's validation of typed Secrets (k8s.io/kubernetes pkg/apis/core/validation
 * ValidateSecret), with upstream's messages. `stringData` is merged into `data` before the
 * API server validates (stringData wins for a key in both), so the keys of both count:
 *
 * - `kubernetes.io/tls`: `tls.crt` and `tls.key`;
 * - `kubernetes.io/basic-auth`: `username` or `password` (either may be empty);
 * - `kubernetes.io/ssh-auth`: a non-empty `ssh-privatekey`;
 * - `kubernetes.io/dockerconfigjson` and `kubernetes.io/dockercfg`: `.dockerconfigjson`
 *   (`.dockercfg`) holding a JSON object (Go decodes it into a map; its parser's error text
 *   is not reproduced: "not valid JSON", never quoting the secret);
 * - `kubernetes.io/service-account-token`: the annotation `kubernetes.io/service-account.name`
 *   (the token and the uid are filled in by the token controller).
 *
 * `Opaque`, no type and any other type are not judged, as upstream.
 */
import { asRecord, type JsonRecord } from "../rules/support/json.js";
import type { FieldMessage, FieldPath as Path } from "./field-errors.js";

const DOCKER_CONFIG_KEYS: Readonly<Record<string, string>> = {
  "kubernetes.io/dockerconfigjson": ".dockerconfigjson",
  "kubernetes.io/dockercfg": ".dockercfg",
};

export function secretProblems(document: JsonRecord): FieldMessage[] {
  const type = document.type;
  if (typeof type !== "string") return [];
  const data = asRecord(document.data) ?? {};
  const stringData = asRecord(document.stringData) ?? {};
  const has = (key: string) => Object.hasOwn(stringData, key) || Object.hasOwn(data, key);
  // The bytes the API server sees: stringData as written, data base64-decoded.
  const content = (key: string): string | undefined => {
    if (typeof stringData[key] === "string") return stringData[key] as string;
    if (typeof data[key] === "string") return Buffer.from(data[key] as string, "base64").toString("utf8");
    return undefined;
  };
  const required = (key: string, fix: string): FieldMessage => ({ path: ["data", key], message: `data[${key}]: Required value`, fix });
  const problems: FieldMessage[] = [];
  switch (type) {
    case "kubernetes.io/tls":
      for (const key of ["tls.crt", "tls.key"]) if (!has(key)) problems.push(required(key, `add ${key} to the Secret (a TLS Secret holds the certificate chain in tls.crt and its private key in tls.key), or make it type Opaque`));
      break;
    case "kubernetes.io/basic-auth":
      if (!has("username") && !has("password")) {
        for (const key of ["username", "password"]) problems.push(required(key, "name the keys username and password (either may be empty), or make the Secret type Opaque"));
      }
      break;
    case "kubernetes.io/ssh-auth":
      if ((content("ssh-privatekey") ?? "") === "") problems.push(required("ssh-privatekey", "put the private key under the key ssh-privatekey, or make the Secret type Opaque"));
      break;
    case "kubernetes.io/dockerconfigjson":
    case "kubernetes.io/dockercfg": {
      const key = DOCKER_CONFIG_KEYS[type] as string;
      if (!has(key)) {
        problems.push(required(key, `put the registry credentials under the key ${key} (kubectl create secret docker-registry writes it), or make the Secret type Opaque`));
        break;
      }
      const detail = jsonObjectProblem(content(key));
      if (detail !== undefined) {
        problems.push({ path: ["data", key], message: `data[${key}]: Invalid value: "<secret contents redacted>": ${detail}`, fix: `make ${key} a JSON object such as {"auths": {"registry.example.com": {"auth": "..."}}}` });
      }
      break;
    }
    case "kubernetes.io/service-account-token": {
      const name = asRecord(asRecord(document.metadata)?.annotations)?.["kubernetes.io/service-account.name"];
      if (typeof name !== "string" || name === "") {
        problems.push({
          path: ["metadata", "annotations"],
          message: "metadata.annotations[kubernetes.io/service-account.name]: Required value",
          fix: "annotate the Secret with kubernetes.io/service-account.name: <the ServiceAccount whose token it holds>",
        });
      }
      break;
    }
    default:
  }
  return problems;
}

/** Why `text` is no JSON object Go could decode into a map; undefined when it is one (or JSON null, which Go accepts). */
function jsonObjectProblem(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the text: a secret, which upstream redacts too.
    return "not valid JSON";
  }
  if (value === null || (typeof value === "object" && !Array.isArray(value))) return undefined;
  return `json: cannot unmarshal ${Array.isArray(value) ? "array" : typeof value === "string" ? "string" : typeof value === "boolean" ? "bool" : "number"} into Go value of type map[string]interface {}`;
}
