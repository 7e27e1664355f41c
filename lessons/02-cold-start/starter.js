// A greeting service with a spelling helper. GET / greets; GET /spell?word=... checks a word.
//
// The dictionary is built when the module loads, so every cold start pays for it, even for
// requests that never look a word up.
const dictionary = buildDictionary();

function buildDictionary() {
  // Stands in for parsing a large word list: 40,000 entries with a frequency each.
  const words = new Map();
  for (let i = 0; i < 40000; i++) words.set("w" + i.toString(36), (i * 7919) % 1000);
  return words;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/spell") {
      const word = url.searchParams.get("word") ?? "";
      return Response.json({ word, known: dictionary.has(word) });
    }
    return new Response("hello from the edge\n");
  },
};
