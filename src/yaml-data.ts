/**
 * YAML (or JSON) a user hands Slipway as data, not as Kubernetes manifests: the spec, the
 * simulate load file, check's rules config. One parser so the guards hold for each:
 *
 * - aliases expand at most MAX_YAML_ALIASES times (an alias bomb ended the load file and
 *   the rules config in "internal error" and yaml's ReferenceError stack);
 * - only the core schema's tags: `!!binary`, `!!timestamp`, `!!set` give values that are
 *   not plain data, and an unknown tag (`!custom`, `!!python/object:...`) was dropped with
 *   a warning nobody saw, so its value was read as if untagged;
 * - duplicate keys are errors (the last one silently won);
 * - the result is plain data (toPlainData): an alias to its own ancestor (`&a {b: *a}`) is
 *   a cycle, refused with its field path instead of overflowing a validator's stack.
 *
 * Manifests are read elsewhere (src/check/load), where Kubernetes' own rules apply.
 */
import { LineCounter, parseDocument, visit, type Document } from "yaml";
import { SlipwayError, type SlipwayErrorCode } from "./errors.js";
import { toPlainData } from "./platform-spec/plain-data.js";

/** Most alias expansions a document may use; a real spec needs a handful. */
export const MAX_YAML_ALIASES = 100;

export interface YamlDataOptions {
  /** The file, as errors name it. */
  readonly where: string;
  /** What the file is, starting a sentence: "spec file", "the load file". */
  readonly what: string;
  readonly code: SlipwayErrorCode;
}

/** YAML tags that give plain data; any other is refused. */
const PLAIN_YAML_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`));
const CORE_TAG_PREFIX = "tag:yaml.org,2002:";

/** The plain data of one YAML document; SlipwayError with `options.code` otherwise. */
export function parseYamlData(text: string, options: YamlDataOptions): unknown {
  const { where, what, code } = options;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (document.errors.length > 0) {
    throw new SlipwayError(code, `${what} is not valid YAML`, {
      where,
      problems: document.errors.map((error) => error.message.split("\n")[0] ?? error.message),
      fix: "correct the YAML syntax at the lines given",
    });
  }
  const tagProblems = yamlTagProblems(document, lineCounter);
  if (tagProblems.length > 0) {
    throw new SlipwayError(code, `${what} uses YAML tags that are not plain data`, {
      where,
      problems: tagProblems,
      fix: "remove the tags: only strings, numbers, booleans, null, lists and maps are read (quote a value to make it a string)",
    });
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // yaml throws a ReferenceError once the aliases expand past maxAliasCount.
    throw new SlipwayError(code, `${what} could not be read: ${(error as Error).message}`, {
      where,
      cause: error,
      fix: `use fewer YAML aliases (*name); at most ${MAX_YAML_ALIASES} expansions are allowed`,
    });
  }
  return toPlainData(data, where, { what, code });
}

function yamlTagProblems(document: Document, lineCounter: LineCounter): string[] {
  const problems: string[] = [];
  visit(document, {
    Node(_, node) {
      if (node.tag === undefined || PLAIN_YAML_TAGS.has(node.tag)) return;
      const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
      const written = node.tag.startsWith(CORE_TAG_PREFIX) ? `!!${node.tag.slice(CORE_TAG_PREFIX.length)}` : node.tag;
      problems.push(`${line === undefined ? "" : `line ${line}: `}the tag ${written} is not allowed`);
    },
  });
  return problems;
}
