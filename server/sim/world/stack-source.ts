// Where in the learner's code an exception was thrown: the first frame of its stack that names
// one of the worker's own modules (`app.js:4:27`, `src/lib.ts:10:3`; the prelude's frames are
// stripped before the stack leaves the isolate). The web editor puts its marker there.

export interface SourcePosition { file: string; line: number; column: number }

const frame = /([A-Za-z0-9_.\-/]+\.(?:js|mjs|cjs|ts|mts|cts)):(\d+):(\d+)/;
const framesReadMax = 20;

export function sourceOfStack(stack: string): SourcePosition | null {
  // The first line is "Name: message", which may itself quote something like a file name.
  const lines = stack.split("\n").slice(1, 1 + framesReadMax);
  for (const line of lines) {
    const match = frame.exec(line);
    if (match) return { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
  }
  return null;
}
