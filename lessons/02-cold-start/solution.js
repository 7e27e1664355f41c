// A greeting service with a spelling helper. GET / greets; GET /spell?word=... checks a word.
//
// The dictionary is built on first use (lazy initialization): a cold start only compiles the
// module, and the first /spell request at each isolate pays for the build instead.
let dictionary = null;

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
      dictionary ??= buildDictionary();
      const word = url.searchParams.get("word") ?? "";
      return Response.json({ word, known: dictionary.has(word) });
    }
    return new Response("hello from the edge\n");
  },
};
