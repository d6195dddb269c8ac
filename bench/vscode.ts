// npm run bench:vscode: the benchmarks that need the real VS Code (test/integration/*.bench.ts), run in
// a session of their own; prints their figures beside what the engine alone takes for the same text.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureVsCode } from '../test/harness/real-vscode';
import { packageVsix, runSession } from '../test/harness/run-real-vscode';
import { memoryTables, type MemoryFigures } from './memory-steps';
import { median } from './measure';
import type { EngineFigures } from './token-engine';

interface FirstCount {
  name: string;
  file: string;
  runs: { firstProgressMs?: number; firstCountMs: number; reportedMs: number }[];
}

/** BOX_AI_MODELS_BENCH=first-count or =memory runs only that part. */
const only = process.env.BOX_AI_MODELS_BENCH;

async function main(): Promise<number> {
  ensureVsCode();
  const dir = join(ROOT, 'test-results', 'bench-vscode');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const firstCounts = only === 'memory' ? 0 : await firstCount(dir);
  return firstCounts || only === 'first-count' ? firstCounts : memory(dir);
}

/** How long after a file's editor opens its count shows, beside the engine's own cold count. */
async function firstCount(dir: string): Promise<number> {
  const results = await runSession({ name: 'benchmarks', extension: 'source', suites: () => true, keepBuiltins: [] }, dir, ['first-count.bench.js']);
  if (results.failed > 0 || results.passed === 0) {
    for (const failure of results.failures) console.error(`${failure.title}\n${failure.error}`);
    return 1;
  }
  const figures = JSON.parse(readFileSync(join(ROOT, 'test-results', 'first-count.json'), 'utf8')) as FirstCount[];
  console.log(
    "| file, counted for GPT-5 | editor opened → first count shown, median ms | → first progress shown, median ms | → VS Code reports the editor to extensions, median ms | reported → first count shown, median ms | the engine's cold count of the same file (median of 3 processes), ms | ratio, from the tab | ratio, from the report |",
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const { name, file, runs } of figures) {
    // The engine alone, as the worker runs it on a first count: a fresh process, vocabulary loaded
    // first; the median of three such processes.
    const engineRun = () => JSON.parse(execFileSync(process.execPath, [join(__dirname, 'token-engine.js'), 'shipped counter', file, 'o200k_base'], { encoding: 'utf8' })) as EngineFigures;
    const engine = { coldMs: median([engineRun(), engineRun(), engineRun()].map((e) => e.coldMs)) };
    const first = median(runs.map((r) => r.firstCountMs));
    const progress = runs.map((r) => r.firstProgressMs).filter((x): x is number => x !== undefined);
    const reported = median(runs.map((r) => r.reportedMs));
    const fromReport = median(runs.map((r) => r.firstCountMs - r.reportedMs));
    const ratio = (ms: number) => `${(ms / engine.coldMs).toFixed(2)}×`;
    console.log(`| ${name} | ${first} | ${progress.length ? median(progress) : '—'} | ${reported} | ${fromReport} | ${engine.coldMs.toFixed(0)} | ${ratio(first)} | ${ratio(fromReport)} |`);
  }
  return 0;
}

/** Sessions of each kind (with the extension installed, without it) whose medians the memory table shows. */
const MEMORY_RUNS = Number(process.env.BOX_AI_MODELS_MEMORY_RUNS) || 3;
async function memory(dir: string): Promise<number> {
  const figuresFile = join(ROOT, 'test-results', 'memory.jsonl');
  rmSync(figuresFile, { force: true });
  const vsix = packageVsix(dir);
  // Alternated, so that whatever drifts on the machine meanwhile falls on both kinds alike.
  for (let run = 0; run < MEMORY_RUNS; run++) {
    for (const extension of ['installed', 'absent'] as const) {
      const sessionDir = join(dir, `memory-${extension}-${run}`);
      mkdirSync(sessionDir, { recursive: true });
      const results = await runSession({ name: `memory, ${extension}`, extension, vsix, suites: () => true, keepBuiltins: [] }, sessionDir, ['memory.bench.js']);
      if (results.failed > 0 || results.passed === 0) {
        for (const failure of results.failures) console.error(`${failure.title}\n${failure.error}`);
        return 1;
      }
    }
  }
  const sessions = readFileSync(figuresFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as MemoryFigures);
  for (const line of memoryTables(sessions)) console.log(line);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
