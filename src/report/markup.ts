/**
 * HTML and inline SVG built from template literals that escape every interpolated value.
 *
 * The report shows strings from the spec, simulation.json and the checker's findings;
 * any of them may be hostile (`</title><script>…`). Escaping at each call site is the bug
 * waiting to happen, so values are escaped by default and only `Markup` (what `html`
 * itself returns) passes through unchanged. There is no way to mark a plain string as
 * safe: markup comes from templates in this folder, text from everywhere else.
 */

/** A fragment of HTML or SVG that `html` produced; its text is never escaped again. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Values a template accepts: text (escaped), numbers, markup, lists of them, and nothing (empty). */
export type MarkupValue = Markup | string | number | boolean | null | undefined | readonly MarkupValue[];

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text safe in element content and in quoted attribute values alike. NUL and the other
 * C0 controls but tab and line breaks are parse errors in HTML and invalid in XML: they
 * become U+FFFD, as a browser would show them.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD");
}

function render(value: MarkupValue): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false || value === true) return "";
  if (typeof value === "number") return formatNumber(value);
  return escapeText(value as string);
}

/** Numbers print without exponent noise: integers as they are, others to at most 3 decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "0";
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 1000) / 1000);
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name` unless it is Markup. */
export function html(strings: TemplateStringsArray, ...values: readonly MarkupValue[]): Markup {
  let text = strings[0] ?? "";
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? "");
  });
  return new Markup(text);
}

/** Joins fragments (and escaped text) into one fragment. */
export function join(parts: readonly MarkupValue[], separator: Markup | string = ""): Markup {
  return new Markup(parts.map(render).join(render(separator)));
}

/** Average advance of a 12 px sans-serif character, a little generous so cut text never overflows. */
const CHAR_WIDTH = 7;

/** Fits `text` into `width` pixels, cutting with an ellipsis. */
export function fitText(text: string, width: number, charWidth = CHAR_WIDTH): string {
  const max = Math.max(1, Math.floor(width / charWidth));
  const characters = [...text];
  return characters.length <= max ? text : characters.slice(0, max - 1).join("") + "…";
}
