// Saved projects in SQLite (better-sqlite3, WAL) in DATA_DIR: a versioned schema with
// migrations (PRAGMA user_version), every write a transaction, so projects survive a restart and
// `kill -9` (WAL is durable against a process crash with synchronous=NORMAL).
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { protocolLimits } from "../protocol/limits.ts";
import type { ProjectSummary } from "../protocol/index.ts";

/** Migration i takes the schema from version i to i + 1; never edit one that has shipped. */
const migrations = [
  `CREATE TABLE projects (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     updated_ms INTEGER NOT NULL,
     lesson_id TEXT,
     data TEXT NOT NULL
   )`,
  `CREATE INDEX projects_updated ON projects (updated_ms DESC)`,
];

export interface ProjectData {
  scenario: unknown;
  seed: number;
  actions: unknown[];
  /** Step and virtual time the saved run had reached (it reopens there). */
  step: number;
  nowMs: number;
  editor: Record<string, string>;
  lessonId: string | null;
}

export type ProjectResult<T> = { ok: true; value: T } | { ok: false; code: "no_such_project" | "limit"; message: string; limit?: string };

interface Row {
  id: string;
  name: string;
  created_ms: number;
  updated_ms: number;
  lesson_id: string | null;
  data: string;
}

export class ProjectStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, "projects.sqlite"));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.migrate();
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  private migrate(): void {
    const from = this.schemaVersion;
    for (let v = from; v < migrations.length; v++) {
      this.db.transaction(() => {
        this.db.exec(migrations[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  save(name: string, data: ProjectData, projectId?: string): ProjectResult<ProjectSummary> {
    const text = JSON.stringify(data);
    if (text.length > protocolLimits.projectBytesMax) return { ok: false, code: "limit", limit: "projectBytesMax", message: `the project is larger than ${protocolLimits.projectBytesMax} bytes (projectBytesMax)` };
    const nowMs = Date.now();
    if (projectId !== undefined) {
      const changed = this.db.prepare("UPDATE projects SET name = ?, updated_ms = ?, lesson_id = ?, data = ? WHERE id = ?").run(name, nowMs, data.lessonId, text, projectId);
      if (changed.changes === 0) return { ok: false, code: "no_such_project", message: `no project "${projectId}"` };
      return { ok: true, value: this.summary(projectId)! };
    }
    const count = (this.db.prepare("SELECT count(*) AS n FROM projects").get() as { n: number }).n;
    if (count >= protocolLimits.projectsMax) return { ok: false, code: "limit", limit: "projectsMax", message: `this server keeps at most ${protocolLimits.projectsMax} projects (projectsMax); delete one first` };
    const id = `p_${randomBytes(9).toString("base64url")}`;
    this.db.prepare("INSERT INTO projects (id, name, created_ms, updated_ms, lesson_id, data) VALUES (?, ?, ?, ?, ?, ?)").run(id, name, nowMs, nowMs, data.lessonId, text);
    return { ok: true, value: this.summary(id)! };
  }

  open(projectId: string): ProjectResult<{ summary: ProjectSummary; data: ProjectData }> {
    const row = this.db.prepare("SELECT * FROM projects WHERE id = ?").get(projectId) as Row | undefined;
    if (!row) return { ok: false, code: "no_such_project", message: `no project "${projectId}"` };
    return { ok: true, value: { summary: summaryOf(row), data: JSON.parse(row.data) as ProjectData } };
  }

  list(): ProjectSummary[] {
    return (this.db.prepare("SELECT * FROM projects ORDER BY updated_ms DESC").all() as Row[]).map(summaryOf);
  }

  rename(projectId: string, name: string): ProjectResult<ProjectSummary> {
    const changed = this.db.prepare("UPDATE projects SET name = ?, updated_ms = ? WHERE id = ?").run(name, Date.now(), projectId);
    if (changed.changes === 0) return { ok: false, code: "no_such_project", message: `no project "${projectId}"` };
    return { ok: true, value: this.summary(projectId)! };
  }

  delete(projectId: string): ProjectResult<void> {
    const changed = this.db.prepare("DELETE FROM projects WHERE id = ?").run(projectId);
    if (changed.changes === 0) return { ok: false, code: "no_such_project", message: `no project "${projectId}"` };
    return { ok: true, value: undefined };
  }

  close(): void {
    this.db.close();
  }

  private summary(projectId: string): ProjectSummary | null {
    const row = this.db.prepare("SELECT * FROM projects WHERE id = ?").get(projectId) as Row | undefined;
    return row ? summaryOf(row) : null;
  }
}

function summaryOf(row: Row): ProjectSummary {
  return { projectId: row.id, name: row.name, createdAtMs: row.created_ms, updatedAtMs: row.updated_ms, bytes: row.data.length, lessonId: row.lesson_id };
}
