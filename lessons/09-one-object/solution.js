// A chat room in one Durable Object: POST /post adds a message, and the answer says how many
// messages the room holds. Every caller talks to the same single instance, so it should live
// where most of them are: the location hint places it in eu-west instead of where its name
// hashes to.
export default {
  async fetch(request, env) {
    const room = env.ROOMS.get(env.ROOMS.idFromName("general"), { locationHint: "eu-west" });
    return room.fetch(request);
  },
};

export class Room {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    const count = ((await this.ctx.storage.get("count")) ?? 0) + 1;
    await this.ctx.storage.put("count", count);
    return Response.json({ count });
  }
}
