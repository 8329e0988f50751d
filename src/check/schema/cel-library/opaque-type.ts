/**
 * Kubernetes' CEL libraries add opaque types (`kubernetes.Quantity`, `kubernetes.URL`,
 * `net.IP`, `net.CIDR`). @bufbuild/cel types every value that is not a scalar, list or map
 * by its protobuf message, so each opaque type here is a one-field message built at run
 * time (no generated code): `type(quantity('1'))` prints `kubernetes.Quantity` as upstream,
 * and `==` compares the field, which holds a canonical form so equal values compare equal
 * (`quantity('1000m') == quantity('1')`, as upstream's `Equal`).
 *
 * The messages could also be built or read in a rule (`kubernetes.Quantity{value: '1'}`);
 * no CRD rule does that upstream (the types are opaque there), so the leak is harmless.
 */
import { create, createFileRegistry, createRegistry, type DescMessage, type Registry } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { isCelType, objectType, type CelObjectType, type CelValue } from "@bufbuild/cel";

export interface OpaqueType {
  readonly name: string;
  readonly type: CelObjectType;
  /** The CEL value holding `canonical`. */
  wrap(canonical: string): ReflectMessage;
  /** The canonical string of a value of this type; throws when the value is of another type. */
  unwrap(value: CelValue): string;
}

const STRING_FIELD = 9;
const OPTIONAL_LABEL = 1;

function buildRegistry(): Registry {
  const byPackage = new Map<string, string[]>([
    ["kubernetes", ["Quantity", "URL"]],
    ["net", ["IP", "CIDR"]],
  ]);
  const files = [...byPackage].map(([pkg, messages]) =>
    create(FileDescriptorProtoSchema, {
      name: `slipway/cel/${pkg}.proto`,
      package: pkg,
      syntax: "proto3",
      messageType: messages.map((name) => ({ name, field: [{ name: "value", number: 1, type: STRING_FIELD, label: OPTIONAL_LABEL, jsonName: "value" }] })),
    }),
  );
  const messages = files.flatMap((file) => [...createFileRegistry(file, () => undefined)].filter((desc): desc is DescMessage => desc.kind === "message"));
  return createRegistry(...messages);
}

/** The registry the CEL environment needs so these messages are known by name. */
export const OPAQUE_TYPES_REGISTRY: Registry = buildRegistry();

function opaqueType(name: string): OpaqueType {
  const desc = OPAQUE_TYPES_REGISTRY.getMessage(name) as DescMessage | undefined;
  if (desc === undefined) throw new Error(`opaque CEL type ${name} is not declared`);
  const type = objectType(desc);
  return {
    name,
    type,
    wrap: (canonical) => reflect(desc, create(desc, { value: canonical } as never)),
    unwrap: (value) => {
      if (typeof value !== "object" || value === null || isCelType(value) || !("desc" in value) || (value as ReflectMessage).desc.typeName !== name) throw new Error(`no such overload: expected ${name}`);
      return (value as ReflectMessage).get((value as ReflectMessage).desc.fields[0] as never) as string;
    },
  };
}

export const QUANTITY_TYPE = opaqueType("kubernetes.Quantity");
export const URL_TYPE = opaqueType("kubernetes.URL");
export const IP_TYPE = opaqueType("net.IP");
export const CIDR_TYPE = opaqueType("net.CIDR");
