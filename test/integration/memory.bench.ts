// Benchmark, not a test (npm run bench:vscode): the extension host's resident memory after each step of
// a user's session, in a VS Code with the packaged extension installed and in the same VS Code without
// it (the harness runs this suite in both kinds of session, several times). Each session appends its
// figures to test-results/memory.jsonl; bench/vscode.ts prints the medians and the extension's cost.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { mixedCorpus } from '../../bench/corpus';
import { FILES_IN_TURN, MemoryFigures, MEMORY_STEPS } from '../../bench/memory-steps';
import type { MemoryUse } from '../../src/features/memory-use';
import type { HeapFigures } from '../../src/worker/heap';
import { activateExtension, closeAll, EXTENSION_ID, statusWhen, TOKEN_STATUS_ID } from './helpers';
import { ui } from './ui-protocol';

const ROOT = resolve(__dirname, '..', '..', '..');
const MB = 1024 * 1024;
/**
 * When a step's memory is read, after it is done (the extension's counts, or the same wait without it):
 * first at 8 s, while its user reads; then at 20 s, the figure the targets are set against, by which
 * time V8 has given back what it gives back unprompted. (Under Node 24, V8 keeps a stopped thread's
 * heap pages for other threads to reuse for about 8 s before it returns them to the system: see
 * bench/stopped-thread.ts.)
 */
const FIRST_READING_MS = 8000;
const SETTLED_MS = 20_000;

const modelNames = new Map<string, string>(
  (parse(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8')) as { models: { id: string; name: string }[] }).models.map((m) => [m.id, m.name]),
);

/** A Box AI request body naming `model`, with `text` as its prompt (what a user keeps beside their code). */
function requestFor(model: string, text: string): string {
  return JSON.stringify({ mode: 'single_item_qa', prompt: text, items: [{ id: '12345', type: 'file' }], ai_agent: { type: 'ai_agent_ask', basic_text: { model } } }, null, 2);
}

/**
 * Resident memory now, MB: the median of five readings over a second (a reading moves with the
 * allocator); on Linux also its two kinds, each the median of its readings: anonymous (heaps, buffers,
 * the allocator's) and file-backed (pages of Node's, VS Code's and the extension's files the process has
 * touched, which every process that maps the same file shares).
 */
async function residentMB(): Promise<{ rssMB: number; anonMB?: number; fileMB?: number }> {
  const readings: { rss: number; anon?: number; file?: number }[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push({ rss: process.memoryUsage().rss / MB, ...residentKinds() });
    await new Promise((r) => setTimeout(r, 250));
  }
  const medianOf = (values: (number | undefined)[]) => {
    if (values.some((v) => v === undefined)) return undefined;
    const sorted = (values as number[]).sort((a, b) => a - b);
    return Math.round(sorted[2] * 10) / 10;
  };
  return { rssMB: medianOf(readings.map((r) => r.rss))!, anonMB: medianOf(readings.map((r) => r.anon)), fileMB: medianOf(readings.map((r) => r.file)) };
}

/** The process's anonymous and file-backed resident memory, MB, from /proc/self/status (Linux), else nothing. */
function residentKinds(): { anon?: number; file?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kB = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
    const [anon, file] = [kB('RssAnon'), kB('RssFile')];
    return Number.isFinite(anon) && Number.isFinite(file) ? { anon, file } : {};
  } catch {
    return {};
  }
}

describe('benchmark: extension host memory', () => {
  const withExtension = vscode.extensions.getExtension(EXTENSION_ID) !== undefined;
  const figures: MemoryFigures = { withExtension, steps: [] };
  const folder = mkdtempSync(join(tmpdir(), 'box-ai-models-memory-'));
  let lastStatus = '';

  /**
   * Opens a file and, with the extension, waits for its count against `model` (the file's own choice).
   * Without it, reads the status bar once all the same: the harness's own requests to the workbench
   * are then in both kinds of session.
   */
  async function openCounted(file: string, model: string | undefined): Promise<void> {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
    if (!withExtension) {
      await readStatusBar();
      return;
    }
    const name = model ? modelNames.get(model)! : '';
    const shown = await statusWhen((t) => t !== lastStatus && / tokens · /.test(t) && t.endsWith(name) && !t.includes('Counting'), `the count of ${file}`, 120_000);
    lastStatus = shown.text;
  }
  /** One request to the workbench for the status bar (the harness's HTTP client, loaded in this process). */
  async function readStatusBar(): Promise<void> {
    await ui({ action: 'statusbar', id: TOKEN_STATUS_ID });
  }
  async function record(step: string): Promise<void> {
    const done = Date.now();
    const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, done + ms - Date.now()));
    await sleepUntil(FIRST_READING_MS);
    const first = await residentMB();
    await sleepUntil(SETTLED_MS);
    const { rssMB, anonMB, fileMB } = await residentMB();
    const host = process.memoryUsage();
    const hostHeap = getHeapStatistics();
    const use = withExtension ? await vscode.commands.executeCommand<MemoryUse>('boxAiModels.showMemoryUse', { show: false }) : undefined;
    const heapMB = (heap: HeapFigures | undefined) => (heap ? heap.totalMB + heap.externalMB : 0);
    figures.steps.push({
      step,
      firstRssMB: first.rssMB,
      rssMB,
      anonMB,
      fileMB,
      hostHeapMB: host.heapTotal / MB,
      hostHeapUsedMB: host.heapUsed / MB,
      hostExternalMB: host.external / MB,
      hostHeapResidentMB: hostHeap.total_physical_size / MB,
      hostMallocMB: hostHeap.malloced_memory / MB,
      countingMB: heapMB(use?.counting),
      scanningMB: heapMB(use?.scanning),
      openDocuments: vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').length,
    });
  }

  before(async function () {
    this.timeout(60_000);
    if (withExtension) await activateExtension();
    await closeAll();
    // The harness asks the workbench through Node's fetch, whose first use loads its HTTP client and
    // compiles that client's WebAssembly parser: about 12 MB of this process's memory that is the
    // harness's, not the extension's. Both kinds of session pay it here, before the first reading.
    await readStatusBar();
  });
  after(() => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    appendFileSync(join(ROOT, 'test-results', 'memory.jsonl'), `${JSON.stringify(figures)}\n`);
  });

  it('steps', async function () {
    this.timeout(10 * 60_000);
    // The window as it opens: a few seconds more for whatever VS Code starts late.
    await new Promise((r) => setTimeout(r, 5000));
    await record(MEMORY_STEPS.window);

    const override = join(folder, 'ask.json');
    writeFileSync(override, requestFor('azure__openai__gpt_4o_mini', 'Summarize the attached contract in three sentences.'));
    await openCounted(override, 'azure__openai__gpt_4o_mini');
    await record(MEMORY_STEPS.override);

    const large = join(folder, 'large.txt');
    writeFileSync(large, mixedCorpus(10 * MB));
    await openCounted(large, undefined);
    await record(MEMORY_STEPS.large);

    for (const [step, model] of [
      [MEMORY_STEPS.llama3, 'ibm__llama_3_2_90b_vision_instruct'],
      [MEMORY_STEPS.gemma3, 'google__gemini_2_5_pro'],
      [MEMORY_STEPS.claude, 'aws__claude_4_5_sonnet'],
    ] as const) {
      const file = join(folder, `${model}.json`);
      writeFileSync(file, requestFor(model, mixedCorpus(MB)));
      await openCounted(file, model);
      await record(step);
    }

    await closeAll();
    for (let i = 0; i < FILES_IN_TURN; i++) {
      const file = join(folder, `in-turn-${i}.txt`);
      // Each a little longer than the last, so that each count differs from the one before.
      writeFileSync(file, mixedCorpus(200 * 1024 + i * 1024));
      await openCounted(file, undefined);
      await closeAll();
    }
    await record(MEMORY_STEPS.inTurn);
  });
});
