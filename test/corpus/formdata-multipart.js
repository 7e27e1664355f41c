/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "contentType": true, "title": "report", "file": { "name": "notes.txt", "type": "text/plain", "size": 11, "text": "hello notes" }, "entries": ["title", "file"] } }
] }
*/
export default {
  async fetch() {
    const form = new FormData();
    form.append("title", "report");
    form.append("file", new Blob(["hello notes"], { type: "text/plain" }), "notes.txt");
    // Round trip through a multipart body, as an upload would arrive.
    const upload = new Request("https://corpus.example/upload", { method: "POST", body: form });
    const contentType = upload.headers.get("content-type");
    const parsed = await upload.formData();
    const file = parsed.get("file");
    return Response.json({
      contentType: contentType.startsWith("multipart/form-data; boundary="),
      title: parsed.get("title"),
      file: { name: file.name, type: file.type, size: file.size, text: await file.text() },
      entries: [...parsed.keys()],
    });
  },
};
