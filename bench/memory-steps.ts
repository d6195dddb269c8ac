// The steps of the memory benchmark in the real VS Code (test/integration/memory.bench.ts), shared
// with bench/vscode.ts, which prints their figures.

/** Files opened and closed in turn by the last step. */
export const FILES_IN_TURN = 50;

export interface MemoryFigures {
  withExtension: boolean;
  /**
   * After each step, MB: the extension host's resident memory, its JavaScript heap and the memory its
   * objects hold outside that heap (buffers); with the extension, each of its workers' heap (with what
   * it holds outside it), 0 when not running. And how many documents VS Code then held open.
   */
  steps: { step: string; rssMB: number; hostHeapMB: number; hostExternalMB: number; countingMB: number; scanningMB: number; openDocuments: number }[];
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

