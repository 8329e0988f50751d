/**
 * Splits a YAML stream into its documents without parsing it (kubeconform's approach): a
 * line starting with `---` (or `...`) at column 0 always ends a document, even inside a
 * block scalar, whose content must be indented. Each document keeps the 1-based line it
 * starts on, so findings can point at it.
 */
export interface YamlDocumentText {
  readonly text: string;
  /** 1-based line of the document's first line (the line after its `---`). */
  readonly line: number;
  /** 0-based index of the document in the stream. */
  readonly index: number;
}

const SEPARATOR = /^(?:---|\.\.\.)(?:[ \t]|$)/;

export function splitYamlStream(text: string): YamlDocumentText[] {
  const documents: YamlDocumentText[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let position = 0;
  const push = (end: number) => {
    documents.push({ text: text.slice(start, end), line: startLine, index: documents.length });
  };
  while (position <= text.length) {
    const newline = text.indexOf("\n", position);
    const lineEnd = newline === -1 ? text.length : newline;
    // Cheap first-character test before the regular expression: most lines are content.
    const first = text.charCodeAt(position);
    if ((first === 45 || first === 46) && SEPARATOR.test(text.slice(position, Math.min(lineEnd, position + 4)))) {
      push(position);
      // `--- {a: 1}` may carry content on the separator line; keep it with the next document.
      const rest = text.slice(position + 3, lineEnd).trim();
      const nextLine = rest === "" || rest.startsWith("#") || first === 46;
      start = nextLine ? lineEnd + 1 : position + 3;
      startLine = nextLine ? line + 1 : line;
    }
    if (newline === -1) break;
    position = newline + 1;
    line += 1;
  }
  if (start < text.length) push(text.length);
  return documents.filter((document) => !isBlank(document.text)).map((document, index) => ({ ...document, index }));
}

/**
 * Only white space, comments or a `%YAML` directive: no object in it. Read line by line in
 * place, stopping at the first content: splitting a megabyte CRD into lines to find its
 * first key cost more than the split itself.
 */
function isBlank(text: string): boolean {
  for (let position = 0; position < text.length; ) {
    // YAML's white space only: a line of U+00A0 is a scalar, which parse-source reports.
    let first = position;
    while (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9) first++;
    const char = text.charCodeAt(first);
    if (first < text.length && char !== 10 && char !== 35 && char !== 37) return false;
    const newline = text.indexOf("\n", first);
    if (newline === -1) break;
    position = newline + 1;
  }
  return true;
}
