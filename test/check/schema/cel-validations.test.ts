import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests, validateObjects } from "../../../src/check/check.js";
import { ec2NodeClass } from "../../../src/gitops/platform/karpenter/ec2-node-class.js";
import { nodePools } from "../../../src/gitops/platform/karpenter/node-pools.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { crdYaml } from "../../support/crd.js";

/** A small CRD whose rules cover each case: cross-field, list, map values, oldSelf, a missing function, messageExpression, fieldPath and reason. */
const WIDGET_CRD = crdYaml({
  kind: "Widget",
  schema: `type: object
x-kubernetes-validations:
  - rule: "self.kind == 'Widget' && self.metadata.name.size() <= 10"
    message: "names are at most 10 characters"
properties:
  spec:
    type: object
    x-kubernetes-validations:
      - rule: "self.minReplicas <= self.maxReplicas"
        message: "minReplicas must not exceed maxReplicas"
      - rule: "self.minReplicas == oldSelf.minReplicas"
        message: "minReplicas is immutable"
      - rule: "!has(self.mode) || self.mode != 'Off' || self.minReplicas == 0"
        messageExpression: "'mode Off needs minReplicas 0, got ' + string(self.minReplicas)"
      - rule: "!has(self.backup) || self.backup != 'none'"
        fieldPath: ".backup"
        reason: FieldValueForbidden
        message: "backup none is not allowed"
    properties:
      minReplicas: {type: integer}
      maxReplicas: {type: integer, default: 10}
      mode: {type: string}
      backup: {type: string}
      size:
        type: string
        x-kubernetes-validations:
          - rule: "quantity(self).isLessThan(quantity('1Gi'))"
            message: "size must be under 1Gi"
      names:
        type: array
        items: {type: string}
        x-kubernetes-validations:
          - rule: "self.all(x, x.startsWith('a'))"
            message: "every name starts with a"
      ports:
        type: array
        items:
          type: object
          properties:
            from: {type: integer}
            to: {type: integer}
          x-kubernetes-validations:
            - rule: "self.from <= self.to"
              message: "from must not exceed to"
      labels:
        type: object
        additionalProperties:
          type: string
          x-kubernetes-validations:
            - rule: "self != ''"
              message: "label values may not be empty"
`,
});

const widget = (spec: string) => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  namespace: prod
spec:
${spec
  .split("\n")
  .map((line) => `  ${line}`)
  .join("\n")}
`;

async function check(documents: string[]): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "slipway-cel-"));
  writeFileSync(join(root, "m.yaml"), documents.join("---\n"));
  const result = await checkManifests(["m.yaml"], { cwd: root, enable: ["schema"] });
  return result.findings.map((finding) => `${finding.severity} ${finding.line}: ${finding.message}`);
}

describe("CEL validation rules of CRDs (x-kubernetes-validations)", () => {
  it.each([
    { name: "rules that hold", spec: "minReplicas: 1\nmaxReplicas: 3\nnames: [ab, ac]", expected: [] },
    {
      name: "a cross-field rule broken",
      spec: "minReplicas: 5\nmaxReplicas: 3",
      expected: ['error 6: spec: Invalid value: "object": minReplicas must not exceed maxReplicas'],
    },
    {
      name: "a default that makes the rule hold (maxReplicas defaults to 10)",
      spec: "minReplicas: 5",
      expected: [],
    },
    {
      name: "a default that the rule still rejects",
      spec: "minReplicas: 20",
      expected: ['error 6: spec: Invalid value: "object": minReplicas must not exceed maxReplicas'],
    },
    {
      name: "a list rule broken",
      spec: "minReplicas: 1\nnames: [ab, b]",
      expected: ['error 8: spec.names: Invalid value: "array": every name starts with a'],
    },
    {
      name: "a rule on list items broken by the second item",
      spec: "minReplicas: 1\nports:\n  - {from: 1, to: 2}\n  - {from: 9, to: 2}",
      expected: ['error 10: spec.ports[1]: Invalid value: "object": from must not exceed to'],
    },
    {
      name: "a rule on map values",
      spec: "minReplicas: 1\nlabels:\n  team: a\n  tier: ''",
      expected: ['error 10: spec.labels[tier]: Invalid value: "string": label values may not be empty'],
    },
    {
      name: "a messageExpression",
      spec: "minReplicas: 2\nmode: 'Off'",
      expected: ['error 6: spec: Invalid value: "object": mode Off needs minReplicas 0, got 2'],
    },
    {
      name: "a fieldPath and a reason",
      spec: "minReplicas: 1\nbackup: none",
      expected: ["error 8: spec.backup: Forbidden: backup none is not allowed"],
    },
    {
      name: "a quantity() rule (Kubernetes' quantity library) broken",
      spec: "minReplicas: 1\nsize: 2Gi",
      expected: ['error 8: spec.size: Invalid value: "string": size must be under 1Gi'],
    },
    {
      name: "a quantity() rule that holds (512Mi < 1Gi, compared exactly)",
      spec: "minReplicas: 1\nsize: 512Mi",
      expected: [],
    },
    {
      name: "a quantity() rule on a string that is no quantity (an evaluation error: counted, not guessed)",
      spec: "minReplicas: 1\nsize: lots",
      expected: ["info 1: 1 CEL rule of Widget was not evaluated: 1 rule failed at run time (quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$')"],
    },
    {
      name: "a type error (the API server runs no rule then)",
      spec: "minReplicas: five\nmaxReplicas: 3\nnames: [b]",
      expected: ['error 7: spec.minReplicas: must be integer, got string "five"'],
    },
  ])("GIVEN a Widget with $name WHEN checked THEN $expected", async ({ spec, expected }) => {
    // The Widget comes first, so finding lines are its own; the CRD after it is found all the same.
    expect(await check([widget(spec), WIDGET_CRD])).toEqual(expected);
  });

  it("GIVEN rules that read defaulted fields (a property's default, a null list item's and map value's) WHEN checked THEN they see the defaults the schema step validates", async () => {
    const crd = crdYaml({
      kind: "Tier",
      schema: `type: object
properties:
  spec:
    type: object
    x-kubernetes-validations:
      - rule: "self.mode == 'Auto' || self.replicas > 0"
        message: "a Manual tier needs replicas"
    properties:
      mode: {type: string, default: Manual}
      replicas: {type: integer}
      pools:
        type: array
        items:
          type: object
          default: {size: 0}
          properties:
            size: {type: integer}
          x-kubernetes-validations:
            - rule: "self.size > 0"
              message: "a pool needs a size"
      weights:
        type: object
        additionalProperties:
          type: integer
          default: 0
          x-kubernetes-validations:
            - rule: "self > 0"
              message: "weights are positive"
`,
    });
    const tier = (spec: string) => `apiVersion: example.com/v1\nkind: Tier\nmetadata:\n  name: t\nspec:\n${spec}\n`;
    expect(await check([tier("  replicas: 0\n  pools:\n    - {size: 2}\n    - null\n  weights:\n    a: null"), crd])).toEqual([
      'error 5: spec: Invalid value: "object": a Manual tier needs replicas',
      'error 9: spec.pools[1]: Invalid value: "object": a pool needs a size',
      'error 11: spec.weights[a]: Invalid value: "integer": weights are positive',
    ]);
  });

  it("GIVEN rules on and about fields named with CEL reserved words or dashes WHEN checked THEN they read them by upstream's escaped names and still run on the fields themselves", async () => {
    const crd = crdYaml({
      kind: "Usage",
      schema: `type: object
properties:
  spec:
    type: object
    x-kubernetes-validations:
      - rule: "has(self.by) || !has(self.of.__namespace__)"
        message: cross-namespace of needs by
    properties:
      by: {type: string}
      of:
        type: object
        properties:
          namespace:
            type: string
            x-kubernetes-validations:
              - rule: "self.size() <= 5"
                message: short namespaces only
          max-size: {type: integer}
        x-kubernetes-validations:
          - rule: "!has(self.max__dash__size) || self.max__dash__size > 0"
            message: max-size is positive
`,
    });
    const usage = (spec: string) => `apiVersion: example.com/v1\nkind: Usage\nmetadata:\n  name: u\nspec:\n${spec}\n`;
    expect(await check([usage("  of:\n    namespace: kube-system\n    max-size: 0"), crd])).toEqual([
      'error 5: spec: Invalid value: "object": cross-namespace of needs by',
      'error 6: spec.of: Invalid value: "object": max-size is positive',
      'error 7: spec.of.namespace: Invalid value: "string": short namespaces only',
    ]);
  });

  it("GIVEN a rule at the root WHEN a Widget's name breaks it THEN the error has no field path, on the object's line", async () => {
    expect(await check([widget("minReplicas: 1").replace("name: w", "name: a-long-widget"), WIDGET_CRD])).toEqual(['error 1: Invalid value: "object": names are at most 10 characters']);
  });

  it("GIVEN the oldSelf rule WHEN a Widget is checked THEN it is skipped silently: a manifest is a create, where the API server skips transition rules too", async () => {
    expect(await check([widget("minReplicas: 1\nmaxReplicas: 2"), WIDGET_CRD])).toEqual([]);
  });

  it("GIVEN several Widgets with rules that cannot be evaluated WHEN checked THEN one info finding for the kind, counting each rule once", async () => {
    const crd = WIDGET_CRD.replace("self.all(x, x.startsWith('a'))", "self.all(x, isSemver(x))")
      .replace("quantity(self).isLessThan(quantity('1Gi'))", "!format.dns1123Label().validate(self).hasValue()")
      .replace("!has(self.backup) || self.backup != 'none'", "self.missing == 1");
    const findings = await check([widget("minReplicas: 1\nsize: 2Gi\nnames: [a]"), widget("minReplicas: 1\nsize: 3Gi\nnames: [b]").replace("name: w", "name: w2"), crd]);
    expect(findings).toEqual([
      "info 1: 3 CEL rules of Widget were not evaluated: 2 rules call Kubernetes CEL functions the CEL library lacks (format.dns1123Label(), hasValue(), isSemver(), validate()); 1 rule failed at run time (field not found: missing)",
    ]);
  });

  it("GIVEN a rule that does not parse WHEN checked THEN info, never an error", async () => {
    const crd = WIDGET_CRD.replace("self.from <= self.to", "self.from <=");
    const findings = await check([widget("minReplicas: 1\nports: [{from: 1, to: 2}]"), crd]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^info 1: 1 CEL rule of Widget was not evaluated: 1 rule could not be compiled \(/);
  });

  it("GIVEN many Widgets WHEN checked with schema workers and without THEN the same findings", async () => {
    const documents: string[] = [];
    for (let index = 0; index < 30; index++) documents.push(widget(`minReplicas: ${index % 4}\nmaxReplicas: 2\nnames: [${index % 3 === 0 ? "b" : "a"}]`).replace("name: w", `name: w${index}`));
    const previous = process.env.SLIPWAY_CHECK_WORKERS;
    try {
      documents.push(WIDGET_CRD);
      process.env.SLIPWAY_CHECK_WORKERS = "0";
      const sequential = await check(documents);
      process.env.SLIPWAY_CHECK_WORKERS = "2";
      expect(await check(documents)).toEqual(sequential);
      expect(sequential.filter((finding) => finding.includes("minReplicas must not exceed maxReplicas"))).toHaveLength(7);
      expect(sequential.filter((finding) => finding.includes("every name starts with a"))).toHaveLength(10);
    } finally {
      if (previous === undefined) delete process.env.SLIPWAY_CHECK_WORKERS;
      else process.env.SLIPWAY_CHECK_WORKERS = previous;
    }
  });
});

describe("Karpenter's CEL rules from the bundled CRDs", () => {
  const nodePool = (extra: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: general
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: [spot]
${extra}`;

  it.each([
    { name: "a valid NodePool", extra: "", expected: [] },
    {
      name: "a disruption budget with a schedule but no duration",
      extra: "  disruption:\n    consolidateAfter: 30s\n    budgets:\n      - nodes: '10%'\n        schedule: '0 9 * * *'\n",
      expected: ['error 15: spec.disruption.budgets: Invalid value: "array": \'schedule\' must be set with \'duration\''],
    },
    {
      name: "a requirement with operator In and no values",
      extra: "        - key: topology.kubernetes.io/zone\n          operator: In\n          values: []\n",
      expected: ['error 9: spec.template.spec.requirements: Invalid value: "array": requirements with operator \'In\' must have a value defined'],
    },
    {
      name: "an empty nodeClassRef name",
      extra: "",
      patch: (text: string) => text.replace("name: default", "name: ''"),
      expected: ['error 8: spec.template.spec.nodeClassRef.name: Invalid value: "string": name may not be empty'],
    },
  ])("GIVEN $name WHEN checked with no option THEN $expected", async ({ extra, patch, expected }) => {
    const text = (patch ?? ((value: string) => value))(nodePool(extra));
    const errors = (await check([text])).filter((finding) => finding.startsWith("error"));
    expect(errors).toEqual(expected);
  });

  it("GIVEN the platform's own NodePools and EC2NodeClass WHEN validated THEN no CEL error", async () => {
    const spec = parseSpec({}, "test");
    const findings = await validateObjects([...nodePools(spec), ec2NodeClass(spec, platformNames(spec))]);
    expect(findings.filter((finding) => finding.severity === "error")).toEqual([]);
    // Every rule is evaluated, the ones calling Kubernetes' regex find() too: nothing is left uncounted.
    expect(findings.filter((finding) => finding.severity === "info").map((finding) => finding.message)).toEqual([]);
  });
});

/** A hostile CRD: a rule that loops over its list three levels deep, and one that stays under the per-call limit but runs once per item. */
const HOSTILE_CRD = crdYaml({
  kind: "Gadget",
  schema: `type: object
properties:
  spec:
    type: object
    properties:
      values:
        type: array
        items: {type: integer}
        x-kubernetes-validations:
          - rule: "self.all(a, self.all(b, self.all(c, a + b + c >= 0)))"
            message: "sums are not negative"
      groups:
        type: array
        items:
          type: object
          properties:
            v: {type: array, items: {type: integer}}
          x-kubernetes-validations:
            - rule: "self.v.all(a, self.v.all(b, a + b >= 0))"
      after:
        type: string
        x-kubernetes-validations:
          - rule: "self != 'bad'"
            message: "after may not be bad"
      talk:
        type: object
        properties:
          words: {type: array, items: {type: string}}
        x-kubernetes-validations:
          - rule: "self.words.size() < 2"
            messageExpression: "self.words.all(a, self.words.all(b, self.words.all(c, a + b + c != ''))) ? 'too many words' : 'odd words'"
`,
});

describe("the CEL cost budget on hostile CRDs", () => {
  const gadget = (spec: string) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n${spec}\n`;
  const numbers = (count: number) => `[${Array.from({ length: count }, (_, index) => index).join(", ")}]`;

  it("GIVEN a rule nesting all() three deep over 400 items (64 million steps) WHEN checked THEN the API server's per-call error, in well under the time the loops would take, and no later rule runs", async () => {
    const started = performance.now();
    const findings = await check([gadget(`  values: ${numbers(400)}\n  after: bad`), HOSTILE_CRD]);
    expect(findings).toEqual([
      "error 6: spec.values: Invalid value: \"array\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: sums are not negative",
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("GIVEN a rule without a message over the per-call limit WHEN checked THEN the error names the rule itself, as upstream's ruleErrorString", async () => {
    const findings = await check([gadget(`  groups:\n    - v: ${numbers(1000)}`), HOSTILE_CRD]);
    expect(findings).toEqual([
      "error 7: spec.groups[0]: Invalid value: \"object\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.v.all(a, self.v.all(b, a + b >= 0))",
    ]);
  });

  it("GIVEN the same rule over 20 items WHEN checked THEN it is evaluated (the budget bounds, it does not forbid)", async () => {
    expect(await check([gadget(`  values: ${numbers(20)}\n  after: bad`), HOSTILE_CRD])).toEqual(['error 7: spec.after: Invalid value: "string": after may not be bad']);
  });

  it("GIVEN a broken rule whose messageExpression loops three deep over 400 items WHEN checked THEN the API server's per-call error for the messageExpression: the message is metered too", async () => {
    const words = `[${Array.from({ length: 400 }, (_, index) => `w${index}`).join(", ")}]`;
    const findings = await check([gadget(`  talk:\n    words: ${words}`), HOSTILE_CRD]);
    expect(findings).toEqual([
      "error 6: spec.talk: Invalid value: \"object\": no further validation rules will be run due to call cost exceeds limit for messageExpression: \"self.words.all(a, self.words.all(b, self.words.all(c, a + b + c != ''))) ? 'too many words' : 'odd words'\"",
    ]);
  });

  it("GIVEN per-item rules each under the per-call limit but together over the object's budget WHEN checked THEN the API server's budget error at the item that ran out", async () => {
    const groups = Array.from({ length: 14 }, () => `    - v: ${numbers(300)}`).join("\n");
    const findings = await check([gadget(`  groups:\n${groups}`), HOSTILE_CRD]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^error \d+: spec\.groups\[1[0-3]\]: Invalid value: "object": validation failed due to running out of cost budget, no further validation rules will be run$/);
  });
});
