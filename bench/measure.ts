/** Times `body` over `runs` runs; `setup` runs before each, untimed. Milliseconds. */
export function measure(runs: number, body: (run: number) => void, setup?: (run: number) => void): { median: number; p95: number; max: number } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    setup?.(run);
    const start = process.hrtime.bigint();
    body(run);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))], max: times[runs - 1] };
}
