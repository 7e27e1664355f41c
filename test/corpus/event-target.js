/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "log": ["order:created #1", "audit #1", "order:shipped #1", "order:created #2", "audit #2"], "onceCalls": 1, "defaultPrevented": true, "detail": { "id": 1 } } }
] }
*/
class OrderEvents extends EventTarget {
  emit(type, detail) {
    const event = new CustomEvent(type, { detail, cancelable: true });
    this.dispatchEvent(event);
    return event;
  }
}

export default {
  async fetch() {
    const bus = new OrderEvents();
    const log = [];
    let onceCalls = 0;
    bus.addEventListener("order:created", (e) => log.push(`order:created #${e.detail.id}`));
    bus.addEventListener("order:created", { handleEvent: (e) => log.push(`audit #${e.detail.id}`) });
    bus.addEventListener("order:shipped", (e) => { log.push(`order:shipped #${e.detail.id}`); e.preventDefault(); });
    bus.addEventListener("order:created", () => onceCalls++, { once: true });
    bus.emit("order:created", { id: 1 });
    const shipped = bus.emit("order:shipped", { id: 1 });
    bus.emit("order:created", { id: 2 });
    return Response.json({ log, onceCalls, defaultPrevented: shipped.defaultPrevented, detail: shipped.detail });
  },
};
