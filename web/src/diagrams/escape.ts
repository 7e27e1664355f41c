// Learner strings inside Mermaid text (16 §5). Every label goes through `mermaidLabel`, which
// keeps only letters, digits and a few harmless punctuation marks as they are and writes every
// other character as a Mermaid entity code (`#60;` for `<`), inside double quotes. Quotes,
// brackets, `-->`, `%%`, `click`, `;`, newlines and HTML therefore cannot end the label or start
// a directive; Mermaid turns the codes back into text, and runs with securityLevel 'strict'.
// Node ids never come from learner strings (see `ids`). Mermaid's strict mode also passes label
// text through an HTML sanitizer, which would delete a learner's `<script>…</script>` instead of
// showing it, so angle brackets are drawn as the look-alikes ‹ and › inside diagrams (panels
// show every string exactly as written).

/** Characters of one label; longer ones are cut with an ellipsis so a diagram stays readable. */
export const labelCharsMax = 48;

const plain = /[A-Za-z0-9 ._:,/()+=@*-]/;

export function mermaidLabel(raw: string, max = labelCharsMax): string {
  return `"${encode(clip(clean(raw), max))}"`;
}

/** Replaces NUL, other control characters and lone surrogates with U+FFFD. */
export function clean(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { out += raw[i]! + raw[i + 1]!; i++; continue; }
      out += "\uFFFD";
    } else if (code >= 0xdc00 && code <= 0xdfff) out += "\uFFFD";
    else if (code < 0x20 || code === 0x7f) out += code === 0x0a || code === 0x09 ? " " : "\uFFFD";
    else out += raw[i]!;
  }
  return out;
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function encode(text: string): string {
  let out = "";
  for (const raw of text) {
    const ch = raw === "<" ? "‹" : raw === ">" ? "›" : raw;
    out += plain.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** Stable, safe node ids: a prefix and a number per distinct key, in first-seen order. */
export class Ids {
  private readonly map = new Map<string, string>();
  constructor(private readonly prefix: string) {}
  of(key: string): string {
    let id = this.map.get(key);
    if (id === undefined) { id = `${this.prefix}${this.map.size}`; this.map.set(key, id); }
    return id;
  }
  entries(): [string, string][] { return [...this.map.entries()]; }
}

/**
 * A subgraph title: Mermaid does not decode entity codes there, so only plain characters are
 * kept (others become "_"). Learner strings that matter go in a node label instead.
 */
export function plainTitle(raw: string, max = labelCharsMax): string {
  return `"${Array.from(clip(clean(raw), max)).map((ch) => (plain.test(ch) ? ch : "_")).join("")}"`;
}
