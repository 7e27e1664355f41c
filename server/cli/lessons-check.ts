// `npm run lessons:check [ID...]`: runs every lesson's check on its starter (must fail) and its
// solution (must pass) in real isolates, prints one line per lesson with the hints, and exits 1
// if any lesson is wrong.

import { createSandboxFactory } from "../../sandbox/index.ts";
import { checkLessonWithLab } from "../lessons/check-lab.ts";
import { lessonFolders } from "../lessons/loader.ts";

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const ids = lessonFolders().filter((id) => wanted.length === 0 || wanted.some((w) => id.includes(w)));
  if (ids.length === 0) {
    process.stderr.write("lessons:check: no lessons found\n");
    return 1;
  }
  const sandbox = createSandboxFactory();
  let bad = 0;
  try {
    for (const id of ids) {
      const o = await checkLessonWithLab(id, sandbox);
      if (!o.ok) bad++;
      process.stdout.write(`${o.ok ? "ok  " : "FAIL"} ${id}${o.problem ? `: ${o.problem}` : ""}\n`);
      if (o.starter) process.stdout.write(`     starter  ${o.starter.pass ? "pass" : "fail"}: ${o.starter.hint}\n`);
      if (o.solution) process.stdout.write(`     solution ${o.solution.pass ? "pass" : "fail"}: ${o.solution.hint}\n`);
    }
  } finally {
    sandbox.dispose();
  }
  process.stdout.write(`${ids.length - bad} of ${ids.length} lessons fail on the starter and pass on the solution\n`);
  return bad === 0 ? 0 : 1;
}

process.exitCode = await main();
