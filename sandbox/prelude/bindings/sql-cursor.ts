// The cursor `sql.exec` returns. The world has already run the statement, so the cursor walks a
// copied result: rows as objects keyed by column, or as arrays through raw().
import type { SqlResult } from "../../../server/sim/isolate-port.ts";

export function createSqlCursor(result: SqlResult): object {
  const { columns, rows } = result;
  let position = 0;
  const asObject = (row: unknown[]) => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) object[columns[i]!] = row[i];
    return object;
  };
  const next = () => (position < rows.length ? { done: false, value: asObject(rows[position++]!) } : { done: true, value: undefined });
  const cursor = {
    columnNames: columns,
    rowsRead: result.rowsRead,
    rowsWritten: result.rowsWritten,
    next,
    toArray: () => {
      const out: Record<string, unknown>[] = [];
      while (position < rows.length) out.push(asObject(rows[position++]!));
      return out;
    },
    one: () => {
      const remaining = rows.length - position;
      if (remaining === 0) throw new Error("Expected exactly one result from SQL query, but got no results.");
      if (remaining > 1) throw new Error("Expected exactly one result from SQL query, but got multiple results.");
      return asObject(rows[position++]!);
    },
    raw: () => ({
      next: () => (position < rows.length ? { done: false, value: rows[position++] } : { done: true, value: undefined }),
      toArray: () => rows.slice(position).map(() => rows[position++]),
      [Symbol.iterator]() {
        return this;
      },
    }),
    [Symbol.iterator]() {
      return cursor;
    },
  };
  return cursor;
}
