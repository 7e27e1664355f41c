// Version 2 of the profile API, being rolled out PoP by PoP over the running version 1.
// Version 1 answered { version: "v1", name }; version 2 nests the fields under "user".
const profile = { name: "Ada Lovelace", city: "London" };

export default {
  async fetch(request) {
    return Response.json({ version: "v2", user: profile });
  },
};
