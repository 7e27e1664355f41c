// Checks that lesson markdown becomes elements, never markup from the text: emphasis, code
// spans, lists and fenced code render; raw HTML, images, event handlers and javascript: links in
// the text (16 §5's hostile strings included) come out as nothing or as inert text.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { hostileStrings } from "../diagrams/hostile-strings.ts";
import { InlineMarkdown, LessonMarkdown } from "./markdown.ts";

const html = (text: string) => renderToStaticMarkup(createElement(LessonMarkdown, { text }));

test("markdown renders emphasis, code, lists and fenced code as elements", () => {
  const out = html("Read **views**, add `1`.\n\n- one\n- two\n\n```js\nawait env.KV.get(\"views\")\n```\n\n[docs](https://developers.cloudflare.com/kv/)");
  assert.match(out, /<strong>views<\/strong>/);
  assert.match(out, /<code>1<\/code>/);
  assert.match(out, /<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  assert.match(out, /<pre><code class="language-js">await env.KV.get\(&quot;views&quot;\)\n<\/code><\/pre>/);
  assert.match(out, /<a href="https:\/\/developers.cloudflare.com\/kv\/" target="_blank" rel="noopener noreferrer">docs<\/a>/);
});

test("the lessons' tables render as tables (GitHub-flavoured markdown), with inline markup in cells", () => {
  const out = html("| time | request |\n| --- | --- |\n| 0.5 s | POST /cart/add |\n| 1 s | **the PoP goes down** |");
  assert.match(out, /<table>/);
  assert.match(out, /<th>time<\/th>\s*<th>request<\/th>/);
  assert.match(out, /<td>1 s<\/td>\s*<td><strong>the PoP goes down<\/strong><\/td>/);
  assert.doesNotMatch(out, /\| --- \|/);
});

test("raw HTML, images, handlers and javascript: links never become markup", () => {
  const out = html(`<script>window.__pwned=1</script>\n\n<img src=x onerror="alert(1)">\n\n![x](https://example.com/x.png)\n\n[click](javascript:alert(1))\n\n${hostileStrings.join("\n\n")}`);
  assert.doesNotMatch(out, /<script|<img|onerror=|<iframe|<svg|<style/i);
  assert.doesNotMatch(out, /href="javascript:/i);
  assert.match(out, /<a href="" target="_blank"/, "an unsafe link keeps its text and loses its target");
});

test("inline markdown keeps code spans and drops blocks", () => {
  const out = renderToStaticMarkup(createElement(InlineMarkdown, { text: "Which `kv_read` saw **version 0**?\n\n# not a heading" }));
  assert.match(out, /^<span>Which <code>kv_read<\/code> saw <strong>version 0<\/strong>\?<\/span>\s*not a heading$/);
});
