/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "uuidShape": true, "distinct": true, "bytes": 16, "inRange": true, "quota": "QuotaExceededError" } }
] }
*/
export default {
  async fetch() {
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const dice = Array.from({ length: 100 }, () => 1 + Math.floor(Math.random() * 6));
    let quota = "none";
    try {
      crypto.getRandomValues(new Uint8Array(65537));
    } catch (e) {
      quota = e.name;
    }
    return Response.json({
      uuidShape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(a),
      distinct: a !== b,
      bytes: bytes.length,
      inRange: dice.every((d) => d >= 1 && d <= 6),
      quota,
    });
  },
};
