import { describe, expect, test } from "vitest";
import { showFieldPath, unsupportedValue } from "../../../src/check/schema/field-errors.js";

describe("the API server's field errors", () => {
  test.each([
    [["spec", "template", "spec", "containers", 0, "name"], "spec.template.spec.containers[0].name"],
    [["spec", "ipFamilies", 1], "spec.ipFamilies[1]"],
    [["items", 2, 3, "value"], "items[2][3].value"],
    [[], ""],
  ])("GIVEN the path %j WHEN shown THEN it reads %s, as field.Path.String() prints it", (path, shown) => {
    expect(showFieldPath(path)).toBe(shown);
  });

  test.each([
    // field.NotSupported: the refused value quoted, each supported value quoted and joined by ", ".
    ["RWO", ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"], 'Unsupported value: "RWO": supported values: "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"'],
    ['say "hi"\\', ["Equal", "Exists"], 'Unsupported value: "say \\"hi\\"\\\\": supported values: "Equal", "Exists"'],
    ["rbac", [""], 'Unsupported value: "rbac": supported values: ""'],
    [3, ["TCP"], 'Unsupported value: 3: supported values: "TCP"'],
    // Upstream gives no detail when there is no supported value to list.
    ["x", [], 'Unsupported value: "x"'],
  ])("GIVEN %j refused among %j WHEN described THEN the text is field.NotSupported's", (value, supported, text) => {
    expect(unsupportedValue(value, supported)).toBe(text);
  });
});
