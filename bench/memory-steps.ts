// The steps of the memory benchmark in the real VS Code (test/integration/memory.bench.ts), shared
// with bench/vscode.ts, which prints their figures (memoryTables).

import { median } from './measure';

/** Files opened and closed in turn by the last step. */
export const FILES_IN_TURN = 50;

export interface MemoryFigures {
  withExtension: boolean;
  /**
   * After each step, MB: the extension host's resident memory, its JavaScript heap (reserved, and of
   * that in use: live objects and garbage not yet collected) and the memory its objects hold outside that
   * heap (buffers); with the extension, each of its workers' heap (with what it holds outside it), 0
   * when not running. And how many documents VS Code then held open.
   */
  steps: {
    step: string;
    /** Resident memory 8 s after the step; every other figure is read 20 s after it. */
    firstRssMB?: number;
    rssMB: number;
    /** Of the resident memory, the anonymous and the file-backed (Linux only; see residentMB in the suite). */
    anonMB?: number;
    fileMB?: number;
    hostHeapMB: number;
    hostHeapUsedMB: number;
    hostExternalMB: number;
    /** Of the host's heap, the pages resident, and what V8 holds from the allocator (its compilers' zones and the like). */
    hostHeapResidentMB?: number;
    hostMallocMB?: number;
    countingMB: number;
    scanningMB: number;
    openDocuments: number;
  }[];
}

/** The step names, in order (bench/vscode.ts prints them in this order, with their targets). */
export const MEMORY_STEPS = {
  window: 'window open, no file',
  override: 'a small override JSON opened and counted (o200k_base)',
  large: 'then a 10 MB text file opened and counted',
  llama3: 'then 1 MB counted with llama3',
  gemma3: 'then 1 MB counted with gemma3 (SentencePiece)',
  claude: 'then 1 MB counted with the Claude estimate',
  inTurn: `${FILES_IN_TURN} files of 200 KB opened, counted and closed in turn, then all closed`,
} as const;


/** The targets for the extension's cost (with minus without, medians), MB. */
const MEMORY_TARGETS: Partial<Record<keyof typeof MEMORY_STEPS, string>> = {
  window: '≤ 5',
  override: '≤ 25',
  large: '≤ 60',
  inTurn: '≤ the Claude step (closed files keep nothing)',
};


/** The memory benchmark's tables, from each session's figures: the cost per step, and where it goes. */
export function memoryTables(sessions: MemoryFigures[]): string[] {
  const lines: string[] = [];
  const runs = sessions.filter((s) => s.withExtension).length;
  type StepFigures = MemoryFigures['steps'][number];
  type Step = StepFigures & { withExtension: boolean };
  const stepFigures = (step: string): Step[] => sessions.map((s) => ({ withExtension: s.withExtension, ...s.steps.find((x) => x.step === step)! }));
  const medianOf = (figures: Step[], withExtension: boolean, pick: (f: Step) => number) => median(figures.filter((f) => f.withExtension === withExtension).map(pick));
  const cost = (figures: Step[], pick: (f: Step) => number) => medianOf(figures, true, pick) - medianOf(figures, false, pick);
  lines.push(
    `\n| extension host resident memory 20 s after each step, median of ${runs} sessions each | without, MB | with, MB | the extension's cost, MB | target, MB | (the cost 8 s after the step, MB) | files VS Code still holds open |`,
  );
  lines.push('|---|---:|---:|---:|---|---:|---:|');
  for (const [key, step] of Object.entries(MEMORY_STEPS)) {
    const figures = stepFigures(step);
    const [without, withIt] = [medianOf(figures, false, (f) => f.rssMB), medianOf(figures, true, (f) => f.rssMB)];
    const early = figures.every((f) => f.firstRssMB !== undefined) ? cost(figures, (f) => f.firstRssMB!).toFixed(0) : '';
    const open = median(figures.map((f) => f.openDocuments));
    lines.push(`| ${step} | ${without.toFixed(0)} | ${withIt.toFixed(0)} | ${(withIt - without).toFixed(0)} | ${MEMORY_TARGETS[key as keyof typeof MEMORY_STEPS] ?? ''} | ${early} | ${open} |`);
  }
  // Where the cost goes: the host's own JavaScript heap and buffers (with less without), each worker's
  // heap with its buffers, and the rest (threads' native memory, compiled code, the allocator's keep).
  lines.push(
    `\n| where the extension's cost goes, MB (medians of ${runs} sessions each) | cost | extension host: heap, with less without | extension host: buffers, with less without | counting worker: heap and buffers | scanning worker: heap and buffers | the rest | (extension host: heap in use, with less without) |`,
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const step of Object.values(MEMORY_STEPS)) {
    const figures = stepFigures(step);
    const parts = [(f: Step) => f.rssMB, (f: Step) => f.hostHeapMB, (f: Step) => f.hostExternalMB, (f: Step) => f.countingMB, (f: Step) => f.scanningMB].map((pick) => cost(figures, pick));
    const rest = parts[0] - parts.slice(1).reduce((a, b) => a + b, 0);
    const hostInUse = cost(figures, (f) => f.hostHeapUsedMB);
    lines.push(`| ${step} | ${[...parts, rest, hostInUse].map((x) => x.toFixed(0)).join(' | ')} |`);
  }
  // The resident memory's two kinds, where the sessions read them (Linux): pages of files the process
  // has touched (Node's and VS Code's code and data), which every process mapping the same file shares,
  // and the rest, which is the process's own; beside them, the host's heap pages resident and V8's
  // allocations outside its heap.
  const kinds = [(f: StepFigures) => f.anonMB, (f: StepFigures) => f.fileMB, (f: StepFigures) => f.hostHeapResidentMB, (f: StepFigures) => f.hostMallocMB];
  if (sessions.every((s) => s.steps.every((f) => kinds.every((kind) => kind(f) !== undefined)))) {
    lines.push(
      `\n| the extension's cost by kind of resident memory, MB (medians of ${runs} sessions each) | cost | anonymous (the process's own) | file-backed (shared with every process mapping the file) | extension host: heap pages resident, with less without | extension host: V8's allocations outside its heap, with less without |`,
    );
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const step of Object.values(MEMORY_STEPS)) {
      const figures = stepFigures(step);
      const parts = [(f: Step) => f.rssMB, ...kinds].map((pick) => cost(figures, (f) => pick(f)!));
      lines.push(`| ${step} | ${parts.map((x) => x.toFixed(0)).join(' | ')} |`);
    }
  }
  return lines;
}

