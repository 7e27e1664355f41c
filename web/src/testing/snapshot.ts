// A small snapshot helper for Node 20's test runner (which has no snapshots): the expected text
// lives in __snapshots__/<name>.txt beside the test. UPDATE_SNAPSHOTS=1 rewrites them; a missing
// snapshot fails unless it is being written, so a test cannot pass without one committed.
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function matchSnapshot(testFileUrl: string, name: string, actual: string): void {
  const dir = join(dirname(fileURLToPath(testFileUrl)), "__snapshots__");
  const file = join(dir, `${name}.txt`);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing: run with UPDATE_SNAPSHOTS=1 and review it`);
  assert.equal(actual, readFileSync(file, "utf8"), `snapshot ${name} changed (UPDATE_SNAPSHOTS=1 to accept)`);
}
