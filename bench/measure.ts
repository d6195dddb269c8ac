/** Times `body` over `runs` runs; `setup` runs before each, untimed. Milliseconds. */
export function measure(runs: number, body: (run: number) => void, setup?: (run: number) => void): { median: number; p95: number; max: number } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    setup?.(run);
    const start = process.hrtime.bigint();
    body(run);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return spread(times);
}

/** The median, 95th percentile and maximum of some timings. */
export function spread(times: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))], max: sorted[sorted.length - 1] };
}

export function median(values: readonly number[]): number {
  return spread(values).median;
}

/** The process's resident memory, MB. */
export function residentMB(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/** How a benchmark script run on its own ends: its figures as one JSON line, or its error and exit code 1. */
export function printFigures(figures: Promise<object>): void {
  figures.then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
