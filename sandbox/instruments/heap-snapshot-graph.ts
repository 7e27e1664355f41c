// A V8 heap snapshot (`.heapsnapshot`, the format DevTools opens) read into flat typed arrays:
// nodes and edges stay in the snapshot's own numeric layout, so a snapshot of a 100 MB heap
// (millions of nodes) costs a few arrays rather than millions of objects.

export interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[]; edge_fields: string[]; edge_types: unknown[] }; node_count?: number; edge_count?: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export class HeapGraph {
  readonly nodeCount: number;
  /** Per node: its type name, its name (a constructor, a string's text, a function's name). */
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Float64Array;
  readonly selfSize: Float64Array;
  /** Edges of node i are firstEdge[i] .. firstEdge[i + 1] - 1. */
  readonly firstEdge: Uint32Array;
  readonly edgeType: Uint8Array;
  /** A property name (string index) or an element index, by edge type. */
  readonly edgeName: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly nodeTypes: string[];
  readonly edgeTypes: string[];
  readonly strings: string[];

  constructor(file: HeapSnapshotFile) {
    const meta = file.snapshot.meta;
    const nodeFieldCount = meta.node_fields.length;
    const edgeFieldCount = meta.edge_fields.length;
    const field = (fields: string[], name: string) => {
      const index = fields.indexOf(name);
      if (index < 0) throw new Error(`heap snapshot: no ${name} field`);
      return index;
    };
    const [typeAt, nameAt, idAt, sizeAt, edgeCountAt] = ["type", "name", "id", "self_size", "edge_count"].map((n) => field(meta.node_fields, n)) as [number, number, number, number, number];
    const [edgeTypeAt, edgeNameAt, toAt] = ["type", "name_or_index", "to_node"].map((n) => field(meta.edge_fields, n)) as [number, number, number];
    this.nodeTypes = meta.node_types[0] as string[];
    this.edgeTypes = meta.edge_types[0] as string[];
    this.strings = file.strings;
    const n = file.nodes.length / nodeFieldCount;
    const m = file.edges.length / edgeFieldCount;
    this.nodeCount = n;
    this.nodeType = new Uint8Array(n);
    this.nodeName = new Uint32Array(n);
    this.nodeId = new Float64Array(n);
    this.selfSize = new Float64Array(n);
    this.firstEdge = new Uint32Array(n + 1);
    let edge = 0;
    for (let i = 0; i < n; i++) {
      const base = i * nodeFieldCount;
      this.nodeType[i] = file.nodes[base + typeAt]!;
      this.nodeName[i] = file.nodes[base + nameAt]!;
      this.nodeId[i] = file.nodes[base + idAt]!;
      this.selfSize[i] = file.nodes[base + sizeAt]!;
      this.firstEdge[i] = edge;
      edge += file.nodes[base + edgeCountAt]!;
    }
    this.firstEdge[n] = edge;
    if (edge !== m) throw new Error(`heap snapshot: nodes list ${edge} edges, the edge table has ${m}`);
    this.edgeType = new Uint8Array(m);
    this.edgeName = new Uint32Array(m);
    this.edgeTo = new Uint32Array(m);
    for (let e = 0; e < m; e++) {
      const base = e * edgeFieldCount;
      this.edgeType[e] = file.edges[base + edgeTypeAt]!;
      this.edgeName[e] = file.edges[base + edgeNameAt]!;
      this.edgeTo[e] = file.edges[base + toAt]! / nodeFieldCount;
    }
  }

  typeOf(node: number): string {
    return this.nodeTypes[this.nodeType[node]!] ?? "unknown";
  }

  nameOf(node: number): string {
    return this.strings[this.nodeName[node]!] ?? "";
  }

  /** The class a learner would name: a constructor for objects, else the node's kind. */
  classOf(node: number): string {
    const type = this.typeOf(node);
    switch (type) {
      case "object":
      case "native": {
        const name = this.nameOf(node);
        // V8 names a context's global object "Object / <url>".
        return name.startsWith("Object / ") ? "globalThis" : name || "Object";
      }
      case "closure":
        return "Function";
      case "string":
      case "concatenated string":
      case "sliced string":
        return "string";
      case "array":
        return "(internal array)";
      case "code":
        return "(compiled code)";
      default:
        return `(${type})`;
    }
  }

  isWeakEdge(edge: number): boolean {
    return this.edgeTypes[this.edgeType[edge]!] === "weak";
  }

  /** How an edge reads in a path: `.cache`, `[3812]`, or the internal name. */
  edgeLabel(edge: number): string {
    const type = this.edgeTypes[this.edgeType[edge]!];
    const name = this.edgeName[edge]!;
    if (type === "element" || type === "hidden") return `[${name}]`;
    return this.strings[name] ?? String(name);
  }
}
