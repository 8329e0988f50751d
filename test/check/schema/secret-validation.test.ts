import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";

type Json = Record<string, unknown>;

const secret = (type: string, fields: Json = {}, annotations?: Json) => {
  const document = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "shop", ...(annotations ? { annotations } : {}) }, type, ...fields };
  return objectProblems({ apiVersion: "v1", kind: "Secret", document }).map((problem) => problem.message);
};
const base64 = (text: string) => Buffer.from(text).toString("base64");

describe("typed Secrets as the API server validates them", () => {
  it.each([
    ["a TLS Secret with both keys in data", secret("kubernetes.io/tls", { data: { "tls.crt": base64("c"), "tls.key": base64("k") } })],
    ["a TLS Secret with its key in stringData", secret("kubernetes.io/tls", { data: { "tls.crt": base64("c") }, stringData: { "tls.key": "k" } })],
    ["basic-auth with an empty password only", secret("kubernetes.io/basic-auth", { stringData: { password: "" } })],
    ["ssh-auth with a key", secret("kubernetes.io/ssh-auth", { data: { "ssh-privatekey": base64("-----BEGIN") } })],
    ["a dockerconfigjson object in data", secret("kubernetes.io/dockerconfigjson", { data: { ".dockerconfigjson": base64('{"auths": {}}') } })],
    ["a dockercfg object in stringData", secret("kubernetes.io/dockercfg", { stringData: { ".dockercfg": "{}" } })],
    ["a service-account token with its annotation", secret("kubernetes.io/service-account-token", {}, { "kubernetes.io/service-account.name": "builder" })],
    ["an Opaque Secret without data", secret("Opaque")],
    ["a type of the user's own", secret("example.com/anything")],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, messages) => {
    expect(messages).toEqual([]);
  });

  it.each([
    ["a TLS Secret without its key", secret("kubernetes.io/tls", { data: { "tls.crt": base64("c") } }), ["data[tls.key]: Required value"]],
    ["a TLS Secret without data", secret("kubernetes.io/tls"), ["data[tls.crt]: Required value", "data[tls.key]: Required value"]],
    ["basic-auth with other keys", secret("kubernetes.io/basic-auth", { stringData: { user: "x" } }), ["data[username]: Required value", "data[password]: Required value"]],
    ["ssh-auth with an empty key", secret("kubernetes.io/ssh-auth", { stringData: { "ssh-privatekey": "" } }), ["data[ssh-privatekey]: Required value"]],
    ["dockerconfigjson without its key", secret("kubernetes.io/dockerconfigjson", { stringData: { config: "{}" } }), ["data[.dockerconfigjson]: Required value"]],
    [
      "dockerconfigjson that is no JSON",
      secret("kubernetes.io/dockerconfigjson", { data: { ".dockerconfigjson": base64("not json") } }),
      ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": not valid JSON'],
    ],
    [
      "dockerconfigjson that is a JSON list",
      secret("kubernetes.io/dockerconfigjson", { stringData: { ".dockerconfigjson": "[]" } }),
      ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ],
    ["a service-account token without its annotation", secret("kubernetes.io/service-account-token"), ["metadata.annotations[kubernetes.io/service-account.name]: Required value"]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, messages, expected) => {
    expect(messages).toEqual(expected);
  });
});
