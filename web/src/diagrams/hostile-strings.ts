// Strings a learner (or someone who sends a learner a link) may put anywhere: KV keys and values,
// URLs, headers, object names, log lines, bodies, scenario names. Used by the unit tests of the
// diagram builders and by the browser test of 16 §5: no script runs, no diagram breaks, the text
// shows as written.
export const hostileStrings: readonly string[] = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=2">`,
  `"><svg onload=window.__pwned=3>`,
  `A --> B`,
  `%%{init: {"securityLevel": "loose"}}%%`,
  `click A callback "window.__pwned=4"`,
  `]] ; B((x)) --> C{{y}}`,
  `end`,
  `subgraph`,
  `#quot; #60;b#62;`,
  `&lt;b&gt;bold&lt;/b&gt;`,
  `javascript:window.__pwned=5`,
  `line one\nline two\r\n%% comment`,
  `a\u0000b`,
  `lone \uD800 surrogate \uDC00`,
  `שלום עולם \u202Eevil\u202C`,
  `x`.repeat(5_000),
  `{{}}[[]](())`,
  `\`\`\`md ## heading`,
];
