// A child process that runs one lesson lab (lessons/labs.ts) and exits. Labs time code and take
// heap snapshots for seconds at a time, so they run apart from the gateway (whose event loop
// serves every session) and from the world processes (whose watchdog would take a lab for a
// hung command). The parent sends { lessonId, code, starter } and gets the findings or an error.
import { lessonLabs } from "../../lessons/labs.ts";

interface LabRequest {
  lessonId: string;
  code: string;
  starter: string;
}

process.once("message", (message: LabRequest) => {
  void run(message).then(
    (reply) => process.send!(reply, () => process.exit(0)),
    () => process.exit(1),
  );
});

async function run({ lessonId, code, starter }: LabRequest): Promise<unknown> {
  const lab = Object.hasOwn(lessonLabs, lessonId) ? lessonLabs[lessonId] : undefined;
  if (lab === undefined) return { ok: false, message: `lesson ${lessonId} has no lab` };
  try {
    return { ok: true, findings: await lab(code, starter) };
  } catch (e) {
    // The learner's code may fail to load or throw; that is an answer, not a crash.
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
