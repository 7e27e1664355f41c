// Splits learner SQL into statements. better-sqlite3's `prepare` takes exactly one statement and
// `exec` returns no rows, so `sql()` splits the text itself and prepares each piece.
//
// A small tokenizer, not a parser: it knows string literals ('…'), quoted identifiers ("…",
// `…`, […]), comments (-- and /* */) and words. A `;` ends a statement except inside a
// CREATE TRIGGER body, where BEGIN/CASE open and END closes a block. Anything it cannot tell
// apart is left for SQLite to reject when the piece is prepared.

export interface SqlStatement {
  /** The statement's text, without the terminating `;`. */
  text: string;
  /** Unquoted words, upper-cased, in order (the first is the statement's keyword). */
  words: string[];
  /** Quoted identifiers and string literals, unquoted (SQLite accepts 'x' as a table name). */
  quoted: string[];
}

const statementsMax = 1000;

export function splitSqlStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current = newStatement();
  let start = 0;
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      i = skipUntil(sql, i + 2, "\n");
    } else if (c === "/" && sql[i + 1] === "*") {
      i = skipUntil(sql, i + 2, "*/");
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      const end = quotedEnd(sql, i + 1, close);
      current.quoted.push(sql.slice(i + 1, end - 1).split(close + close).join(close));
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const end = wordEnd(sql, i);
      const word = sql.slice(i, end).toUpperCase();
      current.words.push(word);
      if (isTrigger(current.words)) depth += word === "BEGIN" || word === "CASE" ? 1 : word === "END" ? -1 : 0;
      i = end;
    } else if (c === ";" && depth <= 0) {
      pushIfAny(statements, current, sql.slice(start, i));
      current = newStatement();
      start = i + 1;
      depth = 0;
      i++;
    } else {
      i++;
    }
    if (statements.length > statementsMax) throw new Error(`sql: more than ${statementsMax} statements`);
  }
  pushIfAny(statements, current, sql.slice(start));
  return statements;
}

function newStatement(): SqlStatement {
  return { text: "", words: [], quoted: [] };
}

function pushIfAny(statements: SqlStatement[], statement: SqlStatement, text: string): void {
  if (statement.words.length === 0 && statement.quoted.length === 0) return;
  statements.push({ ...statement, text: text.trim() });
}

/** CREATE [TEMP|TEMPORARY] TRIGGER …: the only statement whose body holds `;`. */
function isTrigger(words: string[]): boolean {
  if (words[0] !== "CREATE") return false;
  return words[1] === "TRIGGER" || ((words[1] === "TEMP" || words[1] === "TEMPORARY") && words[2] === "TRIGGER");
}

function skipUntil(sql: string, from: number, terminator: string): number {
  const at = sql.indexOf(terminator, from);
  return at === -1 ? sql.length : at + terminator.length;
}

/** Index just past the closing quote; a doubled quote is an escaped one. */
function quotedEnd(sql: string, from: number, close: string): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== "]" && sql[i + 1] === close) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function wordEnd(sql: string, from: number): number {
  let i = from;
  while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
  return i;
}
