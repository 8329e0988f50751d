/**
 * The library entry of `slipway check`: load the input, learn the CRDs, validate every
 * object against its schema, run every registered rule, and return the findings sorted
 * by file, line and rule, with counts. No printing here: outputs render the result.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import { KUBERNETES } from "../versions.js";
import { isDeprecatedOrRemoved } from "./deprecations/deprecation-rules.js";
import { compareFindings, SEVERITY_RANK, type Finding, type Severity, type SourceObject } from "./finding.js";

export { compareFindings } from "./finding.js";
import { loadInputs, type LoadedInput } from "./load/load-inputs.js";
import type { ArgoCdTarget, CheckContext, Rule } from "./rule.js";
import type { RuleOptions } from "./rules/rule-options.js";
import { ENGINE_RULES, onlyEngineRules, selects, type RuleDescriptor } from "./engine-rules.js";
import { customResourceVersions, isCustomResourceDefinition, usedVersions, versionsForValidation, type CustomResourceDefinitionSource, type CustomResourceVersion } from "./schema/custom-resource-schemas.js";
import { crdsFromDirectories } from "./schema/crd-directories.js";
import { platformCrds } from "./schema/platform-crds.js";
import { kubernetesSchemaBundle } from "./schema/kubernetes-schema-bundle.js";
import { validateSchemas, validateSchemasByObject } from "./schema/validate-schemas.js";
import { API_VALIDATION_RULE_ID, apiValidationFindings, refusedObjects } from "./schema/api-validation.js";
import { recallSources } from "./load/read-manifest-file.js";
import { fieldLine, hasSource, type FieldPath } from "./load/locate-field.js";
import { SlipwayError } from "../errors.js";
import { applySuppressions, SUPPRESSION_RULE_ID, type SuppressedFinding } from "./suppressions.js";
import { validateSchemasInWorkers, validationWorkers } from "./schema/parallel-validation.js";

export interface CheckOptions {
  /** Target Kubernetes minor version (a key of KUBERNETES.schemaRelease). @default KUBERNETES.newestCheckerVersion */
  readonly kubernetesVersion?: string;
  /**
   * Folders (or files) of CustomResourceDefinitions (YAML, or JSON Schemas in kubeconform's
   * catalog layout `{group}/{kind}_{version}.json`), in addition to CRDs in the input. @default []
   */
  readonly crdDirectories?: readonly string[];
  /** Know the CRDs of the add-ons the platform pins (src/generated/platform-crds.json). @default true */
  readonly platformCrds?: boolean;
  /** Lowest severity that fails the check. @default "error" */
  readonly failOn?: Severity;
  /** Run only rules these selectors name (ids, id prefixes or categories). @default every rule */
  readonly enable?: readonly string[];
  /** Skip rules these selectors name. @default none */
  readonly disable?: readonly string[];
  /** Relative inputs and finding paths are resolved against it. @default process.cwd() */
  readonly cwd?: string;
  /** Standard input, for the input `-`. */
  readonly readStdin?: () => Promise<string>;
  /**
   * Render the Helm charts that Argo CD Applications in the input install, and check what
   * they install: `true` resolves charts through SLIPWAY_CHARTS, the chart cache, then
   * `helm pull`; a string is a Helm repository folder or URL (`--charts`). @default false
   */
  readonly charts?: boolean | string;
  /** Render kustomizations with kustomize. @default true */
  readonly kustomize?: boolean;
  /** Rules (selectors) whose optional `report` to include, e.g. ["network-policy"]. @default none */
  readonly reports?: readonly string[];
  /** Which Argo CD the manifests are for; `eks-capability` enforces the capability's limits. @default "self-managed" */
  readonly argocd?: ArgoCdTarget;
  /** Parameters and severities of the lint rules (`--rules-config`). @default the built-in ones */
  readonly ruleOptions?: RuleOptions;
}

/** A rule's readable report (the reachability matrix), included on request. */
export interface RuleReport {
  readonly ruleId: string;
  readonly text: string;
}

export interface CheckStats {
  readonly files: number;
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Findings accepted by a suppression (not counted above, never failing the check). */
  readonly suppressed: number;
}

export interface CheckResult {
  readonly kubernetesVersion: string;
  readonly findings: readonly Finding[];
  /** Findings a suppression accepted, each with it (SARIF lists them as suppressed results). */
  readonly suppressed: readonly SuppressedFinding[];
  readonly stats: CheckStats;
  /** True when a finding is at or above `failOn`. */
  readonly failed: boolean;
  readonly failOn: Severity;
  /** Reports of the rules named in `options.reports` that have one, by rule id. */
  readonly reports: readonly RuleReport[];
  /** Documentation of every rule that has a finding, sorted by id (SARIF lists them). */
  readonly rules: readonly RuleDescriptor[];
}

export async function checkManifests(inputs: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const kubernetesVersion = options.kubernetesVersion ?? KUBERNETES.newestCheckerVersion;
  kubernetesSchemaBundle(kubernetesVersion); // fails early, as a usage error, on a version without schemas
  const cwd = options.cwd ?? process.cwd();
  const failOn = options.failOn ?? "error";
  // The rules' modules load while the input is read (and parsed, on worker threads for a large one).
  const ruleRegistry = onlyEngineRules(options.enable ?? []) ? undefined : import("./rule-registry.js");
  ruleRegistry?.catch(() => undefined);
  // Parse workers also judge what they parse as the API server's validation does, when that rule runs.
  const apiValidation = ENGINE_RULES.some((rule) => rule.id === API_VALIDATION_RULE_ID && enabledBy(options)(rule));
  const loaded = await loadInputs(inputs, { cwd, parseInWorkers: { kubernetesVersion, apiValidation }, ...(options.readStdin ? { readStdin: options.readStdin } : {}), ...(options.kustomize === false ? { kustomize: false } : {}), ...(options.charts !== undefined && options.charts !== false ? { charts: { kubernetesVersion, ...(options.charts === true ? {} : { charts: options.charts }) } } : {}) });
  try {
    return await checkLoaded(loaded, kubernetesVersion, failOn, options, cwd, ruleRegistry);
  } finally {
    loaded.parallel?.close();
  }
}

/**
 * A --enable or --disable naming no rule (a typo, a rule since renamed) is a usage error:
 * `--enable best-practise` selected nothing, so the check ran no rule at all and passed.
 * Judged once every rule is known (a check of engine rules only never loads the others,
 * and its selectors are engine rules by definition).
 */
function unknownSelectorsRefused(options: CheckOptions, known: readonly RuleDescriptor[]): void {
  for (const option of ["enable", "disable"] as const) {
    for (const selector of options[option] ?? []) {
      if (known.some((rule) => selects(selector, rule))) continue;
      const categories = [...new Set(known.map((rule) => rule.category))].sort();
      throw new SlipwayError("USAGE", `--${option} ${JSON.stringify(selector)} names no rule`, {
        fix: `use a rule id, an id prefix (such as best-practice) or a category (${categories.join(", ")}); docs/rules.md lists the rules`,
      });
    }
  }
}

async function checkLoaded(
  loaded: LoadedInput,
  kubernetesVersion: string,
  failOn: Severity,
  options: CheckOptions,
  cwd: string,
  ruleRegistry: Promise<typeof import("./rule-registry.js")> | undefined,
): Promise<CheckResult> {
  const customResources = customResourceVersions(await crdSourcesFor(loaded.objects, kubernetesVersion, options, cwd), kubernetesVersion);

  const enabled = enabledBy(options);
  const apiValidation = ENGINE_RULES.some((rule) => rule.id === API_VALIDATION_RULE_ID && enabled(rule));

  // Large inputs are validated on worker threads (those that parsed them, else new ones) while this thread runs the rules below;
  // so is the API server's validation beyond the schema (names, selectors, duplicates, enumerations), for the objects they hold.
  const { findings: schemaFindings, sources, apiFindings } = validateSchemasSomewhere(loaded, kubernetesVersion, customResources, apiValidation, cwd);

  // CEL rules of CRDs run here, on the main thread, whether or not workers validate the schemas.
  await sources;
  const celFindings = ENGINE_RULES.some((rule) => rule.id === "schema" && enabled(rule)) ? await celValidationFindings(loaded.objects, customResources) : [];

  const context: CheckContext = {
    objects: loaded.objects,
    kubernetesVersion,
    customResourceKinds: new Set([...customResources.values()].filter((version) => version.served).map((version) => version.key)),
    argocd: options.argocd ?? "self-managed",
    fieldLine: fieldLineReader(loaded.objects, cwd),
  };
  // A check of schemas only does not load (or pay start-up time for) the other rules.
  const rules: readonly Rule[] = ruleRegistry === undefined ? [] : await (await ruleRegistry).configuredRules(options.ruleOptions);
  if (ruleRegistry !== undefined) unknownSelectorsRefused(options, [...ENGINE_RULES, ...rules]);
  const ruleFindings: Finding[] = [];
  for (const rule of rules) if (enabled(rule)) ruleFindings.push(...runRule(rule, context));
  // Same order as a sequential run: loader findings, schema findings, rule findings.
  const findings: Finding[] = [...loaded.findings, ...(await schemaFindings), ...celFindings, ...(await apiFindings), ...ruleFindings];
  const reports: RuleReport[] = [];
  for (const rule of rules) {
    if (rule.report && (options.reports ?? []).some((selector) => selects(selector, rule))) reports.push({ ruleId: rule.id, text: rule.report(context) });
  }

  const descriptors = new Map<string, RuleDescriptor>([...ENGINE_RULES, ...rules].map((rule) => [rule.id, describe(rule)]));
  // A suppression naming no rule (a typo) would silently do nothing: said, when every rule is known.
  if (rules.length > 0) findings.push(...unknownSuppressionRules(loaded.objects, options.ruleOptions?.suppressions ?? [], [...descriptors.values()]));
  // Engine findings (and those the schema step raises under a deprecation rule id) obey the same switches.
  const kept = findings.filter((finding) => {
    const rule = descriptors.get(finding.ruleId);
    return rule === undefined || enabled(rule);
  });
  const all = kept.map((finding) => withDefaultFix(finding, descriptors)).sort(compareFindings);
  const ruleMatches = (selector: string, ruleId: string) => {
    const rule = descriptors.get(ruleId);
    return rule ? selects(selector, rule) : selector === ruleId || ruleId.startsWith(`${selector}/`);
  };
  const { kept: sorted, suppressed } = applySuppressions(all, loaded.objects, options.ruleOptions?.suppressions ?? [], ruleMatches);
  return {
    kubernetesVersion,
    findings: sorted,
    suppressed,
    stats: statsOf(sorted, loaded.files, loaded.objects.length, suppressed.length),
    failed: sorted.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]),
    failOn,
    reports,
    rules: [...new Set([...sorted, ...suppressed].map((finding) => finding.ruleId))].sort().flatMap((id) => descriptors.get(id) ?? []),
  };
}

/**
 * Field lines for the rules: an object parsed on a worker thread left its text there, so
 * the text of every object of its file is read back at the first finding about one of them
 * (recallSources), once per file; a run with workers then points where a run without does.
 */
function fieldLineReader(objects: readonly SourceObject[], cwd: string): (object: SourceObject, path: FieldPath) => number | undefined {
  let byFile: Map<string, SourceObject[]> | undefined;
  const recalled = new Set<string>();
  return (object, path) => {
    if (!hasSource(object.document) && !recalled.has(object.file)) {
      recalled.add(object.file);
      if (byFile === undefined) {
        byFile = new Map();
        for (const each of objects) {
          const list = byFile.get(each.file);
          if (list) list.push(each);
          else byFile.set(each.file, [each]);
        }
      }
      recallSources(byFile.get(object.file) ?? [object], cwd);
    }
    return fieldLine(object.document, path);
  };
}

/**
 * Schema findings of every loaded object, in object order, wherever they are validated:
 * by the parse workers for the objects they parsed, else (a large input parsed here) by
 * the same kind of workers given the objects, else here. `sources` settles when this thread has the texts CEL findings need.
 * A worker that cannot start or dies (no memory, a sandbox without threads) costs time,
 * not findings: its files are parsed again here and validated here.
 */
function validateSchemasSomewhere(
  loaded: LoadedInput,
  kubernetesVersion: string,
  customResources: ReadonlyMap<string, CustomResourceVersion>,
  apiValidation: boolean,
  cwd: string,
): { readonly findings: Promise<Finding[]>; readonly sources: Promise<void>; readonly apiFindings: Promise<Finding[]> } {
  const options = { kubernetesVersion, customResources, isReportedElsewhere: (object: SourceObject) => isDeprecatedOrRemoved(object, kubernetesVersion) };
  const validateHere = () => validateSchemas(loaded.objects, options);
  /** The API server validation's findings of `objects`, judged here, by object. */
  const judgeHere = (objects: readonly SourceObject[]): Map<SourceObject, Finding[]> => {
    if (!apiValidation) return new Map();
    const refused = refusedObjects(objects, (key) => customResources.get(key)?.served === true);
    // Objects parsed on worker threads left their text there: read again for the few refused, so field lines match a sequential run.
    recallSources(
      refused.map((entry) => entry.object),
      cwd,
    );
    return new Map(refused.map((entry) => [entry.object, apiValidationFindings([entry])]));
  };
  const inObjectOrder = (...byObject: ReadonlyMap<SourceObject, Finding[]>[]) => loaded.objects.flatMap((object) => byObject.find((map) => map.has(object))?.get(object) ?? []);
  const parallel = loaded.parallel;
  if (parallel === undefined) {
    const workers = validationWorkers(loaded.objects.length);
    if (workers === 0) return { findings: Promise.resolve(validateHere()), sources: Promise.resolve(), apiFindings: Promise.resolve(inObjectOrder(judgeHere(loaded.objects))) };
    const validated = validateSchemasInWorkers(loaded.objects, { kubernetesVersion, customResources, apiValidation }, workers);
    return {
      findings: validated.then((result) => result.findings, validateHere),
      sources: Promise.resolve(),
      // A worker that failed is replaced by this thread, for these findings too.
      apiFindings: validated.then(
        (result) => result.apiFindings,
        () => inObjectOrder(judgeHere(loaded.objects)),
      ),
    };
  }
  const celKinds = usedVersions(customResources, loaded.objects)
    .filter((version) => version.served && version.validationSchema !== undefined)
    .map((version) => version.key);
  // A worker converts a CRD version's source schema only when its validator is not cached.
  const validation = parallel.validate({ kubernetesVersion, customResources: versionsForValidation(customResources, loaded.objects), celKinds });
  const here = loaded.objects.filter((object) => !parallel.holds(object));
  // The objects the workers did not parse (standard input, kustomize and chart output) are validated here.
  const joined = (byObject: ReadonlyMap<SourceObject, Finding[]>) => {
    const hereFindings = new Map(validateSchemasByObject(here, options).map((found, index) => [here[index] as SourceObject, found]));
    return loaded.objects.flatMap((object) => byObject.get(object) ?? hereFindings.get(object) ?? []);
  };
  const findings = validation.findings.then(joined, async () => {
    // Parsed again here, the objects come back with their texts: the same findings as a sequential run.
    const { readManifestFile } = await import("./load/read-manifest-file.js");
    const again = parallel.files().flatMap((file) => readManifestFile(file.path, file.file, { skipUnrelatedYaml: file.walked }).objects);
    const held = loaded.objects.filter((object) => parallel.holds(object));
    // The copies parsed again are in the same order as the objects the workers held.
    return joined(new Map(validateSchemasByObject(again, options).map((found, index) => [held[index] as SourceObject, found])));
  });
  // The objects here are judged now; those the workers hold, by them (by this thread, if a worker failed).
  const judgedHere = judgeHere(here);
  const apiFindings = validation.apiFindings.then(
    (byObject) => inObjectOrder(byObject, judgedHere),
    () => inObjectOrder(judgeHere(loaded.objects)),
  );
  return { findings, sources: validation.sources.catch(() => undefined), apiFindings };
}

/** Whether `options` (`--enable`, `--disable`) select a rule. */
function enabledBy(options: CheckOptions): (rule: RuleDescriptor) => boolean {
  return (rule) =>
    (options.enable === undefined || options.enable.length === 0 || options.enable.some((selector) => selects(selector, rule))) &&
    !(options.disable ?? []).some((selector) => selects(selector, rule));
}

/**
 * Schema findings for objects built in memory (generators' tests): the same validation as
 * `checkManifests`, without files. Findings name the object's index as `<object N>`.
 */
export async function validateObjects(
  objects: readonly KubeObject[],
  options: { readonly kubernetesVersion?: string; readonly crdDirectories?: readonly string[]; readonly platformCrds?: boolean; readonly cwd?: string } = {},
): Promise<Finding[]> {
  const kubernetesVersion = options.kubernetesVersion ?? KUBERNETES.defaultVersion;
  const sources: SourceObject[] = objects.map((object, index) => ({
    document: object as unknown as Record<string, unknown>,
    apiVersion: String(object.apiVersion),
    kind: String(object.kind),
    name: typeof object.metadata?.name === "string" ? object.metadata.name : "",
    ...(typeof object.metadata?.namespace === "string" ? { namespace: object.metadata.namespace } : {}),
    file: `<object ${index}>`,
    documentIndex: index,
    line: 1,
  }));
  const customResources = customResourceVersions(await crdSourcesFor(sources, kubernetesVersion, options, options.cwd ?? process.cwd()), kubernetesVersion);
  return [
    ...validateSchemas(sources, { kubernetesVersion, customResources, isReportedElsewhere: (object) => isDeprecatedOrRemoved(object, kubernetesVersion) }),
    ...(await celValidationFindings(sources, customResources)),
  ].sort(compareFindings);
}

/** CEL rules of the CRDs in use; the CEL library is loaded only when one of them has rules. */
async function celValidationFindings(objects: readonly SourceObject[], customResources: ReadonlyMap<string, CustomResourceVersion>): Promise<Finding[]> {
  if (!usedVersions(customResources, objects).some((version) => version.validationSchema !== undefined)) return [];
  return (await import("./schema/cel-validations.js")).evaluateCelValidations(objects, customResources);
}

function unknownSuppressionRules(objects: readonly SourceObject[], configured: readonly { readonly rule: string }[], rules: readonly RuleDescriptor[]): Finding[] {
  const known = (selector: string) => rules.some((rule) => selects(selector, rule));
  const findings: Finding[] = [];
  for (const object of objects) {
    for (const suppression of object.suppressions ?? []) {
      if (known(suppression.rule)) continue;
      const line = Number(suppression.where.slice(suppression.where.lastIndexOf(":") + 1));
      findings.push({
        ruleId: SUPPRESSION_RULE_ID,
        severity: "error",
        file: object.file,
        line: Number.isInteger(line) ? line : object.line,
        message: `"slipway:ignore ${suppression.rule}" names no rule, id prefix or category: nothing is suppressed`,
        fix: "use a rule id from docs/rules.md (e.g. pod-security/hostPorts), an id prefix (pod-security) or a category",
      });
    }
  }
  for (const [index, suppression] of configured.entries()) {
    if (known(suppression.rule)) continue;
    throw new SlipwayError("USAGE", `suppressions[${index}] names no rule, id prefix or category: "${suppression.rule}"`, {
      where: "rules config: suppressions",
      fix: "use a rule id from docs/rules.md (e.g. pod-security/hostPorts), an id prefix (pod-security) or a category",
    });
  }
  return findings;
}

/** A rule's documentation, without its functions: what results carry. */
function describe(rule: RuleDescriptor | Rule): RuleDescriptor {
  return { id: rule.id, category: rule.category, severity: rule.severity, description: rule.description, remediation: rule.remediation };
}

function runRule(rule: Rule, context: CheckContext): Finding[] {
  try {
    return rule.check(context);
  } catch (error) {
    // A rule that throws on odd input is a bug, but one rule must not hide every other finding.
    return [
      {
        ruleId: rule.id,
        severity: "error",
        file: "<slipway>",
        message: `rule ${rule.id} failed on this input: ${(error as Error).message} (a Slipway bug: please report it with the input)`,
        fix: `disable the rule with --disable ${rule.id} until it is fixed`,
      },
    ];
  }
}

/**
 * CRDs for the custom kinds of the input, lowest priority first (a later definition of the
 * same group/version/kind wins): the bundled add-on CRDs, `--crds` folders, the input's own.
 */
async function crdSourcesFor(
  objects: readonly SourceObject[],
  kubernetesVersion: string,
  options: Pick<CheckOptions, "crdDirectories" | "platformCrds">,
  cwd: string,
): Promise<CustomResourceDefinitionSource[]> {
  const kinds = customKinds(objects, kubernetesVersion);
  return [...(options.platformCrds === false ? [] : platformCrds(kinds)), ...(await crdsFromDirectories(options.crdDirectories ?? [], cwd, kinds)), ...crdsIn(objects)];
}

/** `group/Kind` of objects that are not built-in kinds: the CRDs worth parsing. */
function customKinds(objects: readonly SourceObject[], kubernetesVersion: string): Set<string> {
  const index = kubernetesSchemaBundle(kubernetesVersion).index;
  const kinds = new Set<string>();
  for (const object of objects) {
    if (index[`${object.apiVersion}/${object.kind}`] === undefined && object.apiVersion.includes("/")) kinds.add(`${object.apiVersion.slice(0, object.apiVersion.indexOf("/"))}/${object.kind}`);
  }
  return kinds;
}

function crdsIn(objects: readonly SourceObject[]): CustomResourceDefinitionSource[] {
  return objects.filter((object) => isCustomResourceDefinition(object.document)).map((object) => ({ document: object.document, file: object.file }));
}

function withDefaultFix(finding: Finding, descriptors: ReadonlyMap<string, RuleDescriptor>): Finding {
  if (finding.fix.trim() !== "") return finding;
  return { ...finding, fix: descriptors.get(finding.ruleId)?.remediation ?? "" };
}

function statsOf(findings: readonly Finding[], files: number, objects: number, suppressed: number): CheckStats {
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  return { files, objects, errors: count("error"), warnings: count("warning"), infos: count("info"), suppressed };
}
