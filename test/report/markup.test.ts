import { describe, expect, it } from "vitest";
import { escapeText, fitText, formatNumber, html, join, Markup } from "../../src/report/markup.js";

describe("escapeText", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['" onmouseover="x', "&quot; onmouseover=&quot;x"],
    ["' autofocus '", "&#39; autofocus &#39;"],
    ["a & b", "a &amp; b"],
    ["&amp;", "&amp;amp;"],
    ["]]><!--", "]]&gt;&lt;!--"],
    ["nul\u0000here\u001b", "nul\uFFFDhere\uFFFD"],
    ["tab\tand\nnewline", "tab\tand\nnewline"],
    ["plain-name.example.com", "plain-name.example.com"],
  ])("GIVEN %j WHEN escaped THEN it is %j", (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe("html", () => {
  it("GIVEN a hostile value WHEN interpolated THEN it is escaped, and Markup passes through unchanged", () => {
    const hostile = "</td><img src=x onerror=alert(1)>";
    const cell = html`<td>${hostile}</td>`;
    expect(cell.text).toBe("<td>&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;</td>");
    expect(html`<tr>${cell}</tr>`.text).toBe(`<tr>${cell.text}</tr>`);
  });

  it("GIVEN an attribute value WHEN interpolated THEN quotes cannot end the attribute", () => {
    expect(html`<g data-name="${'x" onload="alert(1)'}"/>`.text).toBe('<g data-name="x&quot; onload=&quot;alert(1)"/>');
  });

  it("GIVEN lists, numbers, booleans and nothing WHEN interpolated THEN lists join, numbers print, the others are empty", () => {
    expect(html`${["<a>", html`<b/>`]}|${1.23456}|${7}|${undefined}|${null}|${false}|${true}`.text).toBe("&lt;a&gt;<b/>|1.235|7||||");
  });

  it("GIVEN a plain string WHEN it is not made by html THEN it cannot pass as markup except through the Markup class", () => {
    expect(join(["<x>", new Markup("<y/>")], ", ").text).toBe("&lt;x&gt;, <y/>");
  });
});

describe("formatNumber and fitText", () => {
  it.each([
    [3, "3"],
    [0.1 + 0.2, "0.3"],
    [-2.5, "-2.5"],
    [Number.NaN, "0"],
    [Number.POSITIVE_INFINITY, "0"],
  ])("GIVEN %s WHEN formatted THEN it is %s", (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it("GIVEN text wider than the box WHEN fitted THEN it is cut with an ellipsis to the width, counting characters not UTF-16 units", () => {
    expect(fitText("short", 100)).toBe("short");
    expect(fitText("a-very-long-namespace-name", 70)).toBe("a-very-lo…");
    expect([...fitText("😀".repeat(20), 70)].length).toBe(10);
  });
});
