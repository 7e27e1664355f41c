// Version 2 of the profile API, being rolled out PoP by PoP over the running version 1.
// Version 1 answered { version: "v1", name }; version 2 nests the fields under "user".
//
// The change is made backward compatible: a client that pinned version 1 (it sends back the
// X-Deployment-Version it was first served) keeps getting the version 1 format from every
// PoP, old or new; new clients get version 2.
const profile = { name: "Ada Lovelace", city: "London" };

export default {
  async fetch(request) {
    if (request.headers.get("x-deployment-version") === "v1") {
      return Response.json({ version: "v1", name: profile.name });
    }
    return Response.json({ version: "v2", user: profile });
  },
};
