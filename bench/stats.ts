// Small statistics helpers for benchmarks: machines are noisy, so we report medians.

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

export interface Figure {
  name: string;
  value: string;
  note?: string;
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n## ${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) console.log(`  ${f.name.padEnd(width)}  ${f.value}${f.note ? `   (${f.note})` : ""}`);
}
