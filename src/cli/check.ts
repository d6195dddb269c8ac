// `check`: each file read as the editor reads it (UTF-8, a BOM left out of the text), checked by the same
// core function as the extension's diagnostics (checkText), with the same codes, messages and ranges.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';
import { Catalog } from '../core/catalog/catalog';
import { ModelCard } from '../core/catalog/model';
import { checkText, CheckCode, Fix, Severity } from '../core/check';
import { SkipReason } from '../core/locate';
import { groupDigits } from '../core/present/format';
import { languageOfPath } from './files';
import { lineStarts, position } from './positions';
import { CheckSettings } from './settings';

export interface Problem {
  code: CheckCode;
  severity: Exclude<Severity, 'off'>;
  message: string;
  /** UTF-16 offsets in the text (after a BOM), as the editor counts them. */
  start: number;
  end: number;
  /** 1-based; columns in UTF-16 code units, as VS Code and SARIF count them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: Fix[];
}

export interface FileResult {
  path: string;
  problems: Problem[];
  /** Why the file was not checked. */
  skipped?: string;
}

/**
 * Where files are read, kept from one file to the next: a buffer of its own for each of thousands of
 * files is memory outside the heap that the collector is pressed to reclaim. Files larger than this
 * get a buffer of their own, so that one large file does not leave the process holding its size.
 */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * A file's bytes, or only its first `limit` + 1 when it is longer (which is enough to say so): one
 * open, one size, one read. The bytes may be in readBuffer, so they last only until the next read.
 */
function readUpTo(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = Math.min(fstatSync(fd).size, limit + 1);
    const bytes = size <= readBuffer.length ? readBuffer : Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A file as the editor has it: its language, its text (UTF-8, a BOM left out), whether it had a BOM; or why it is not read. */
export function readSource(path: string, maxLength: number): { languageId: string; text: string; bom: boolean } | { skipped: string } {
  const languageId = languageOfPath(path);
  if (!languageId) return { skipped: SKIPPED['unsupported-language'] };
  let bytes: Buffer;
  try {
    bytes = readUpTo(path, maxLength * 4);
  } catch (error) {
    return { skipped: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  // A UTF-16 unit is at least one byte: a file of more bytes than four per allowed unit cannot fit.
  if (bytes.length > maxLength * 4) return { skipped: tooLarge(maxLength) };
  // Before decoding: a binary file is seldom valid UTF-8, and should be called binary.
  if (bytes.subarray(0, 8192).includes(0)) return { skipped: SKIPPED.binary };
  if (!isUtf8(bytes)) return { skipped: 'not valid UTF-8' };
  const text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { languageId, text: bom ? text.slice(1) : text, bom };
}

function tooLarge(maxLength: number): string {
  return `larger than boxAiModels.maxFileSizeKB (${groupDigits(Math.round(maxLength / 1024))} KB)`;
}

const SKIPPED = {
  'unsupported-language': 'not a language the checks read',
  'too-large-to-parse': 'YAML over 512 KB, which the editor does not parse either',
  binary: 'binary (it holds NUL characters)',
};

function skippedBecause(reason: SkipReason, settings: CheckSettings): string {
  return reason === 'too-large' ? tooLarge(settings.maxLength) : SKIPPED[reason];
}

/** The problems of one text, with their severities from the settings (codes turned off are left out). */
export function checkContent(text: string, languageId: string, catalog: Catalog, settings: CheckSettings): { problems: Problem[] } | { skipped: string } {
  const checked = checkText(text, languageId, catalog, settings);
  if ('skipped' in checked) return { skipped: skippedBecause(checked.skipped, settings) };
  let lines: number[] | undefined; // made for the first problem: most files have none
  const problems: Problem[] = [];
  for (const finding of checked.findings) {
    const severity = settings.severity[finding.code];
    if (severity === 'off') continue;
    lines ??= lineStarts(text);
    const start = position(lines, finding.start);
    const end = position(lines, finding.end);
    problems.push({ code: finding.code, severity, message: finding.message, start: finding.start, end: finding.end, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, fixes: finding.fixes });
  }
  return { problems };
}

export function checkFile(path: string, catalog: Catalog, settings: CheckSettings): FileResult {
  const source = readSource(path, settings.maxLength);
  if ('skipped' in source) return { path, problems: [], skipped: source.skipped };
  try {
    const checked = checkContent(source.text, source.languageId, catalog, settings);
    return 'skipped' in checked ? { path, problems: [], skipped: checked.skipped } : { path, problems: checked.problems };
  } catch (error) {
    return { path, problems: [], skipped: `could not be checked (${(error as Error).message})` }; // one file's failure must not end the run
  }
}

/** Files a worker thread takes at a time: enough to keep messages few, few enough to share the work evenly. */
const BATCH = 16;

/**
 * Checks the files on `jobs` threads: this one, and worker threads when there are enough files to pay
 * for starting them (each loads the engine and the catalog). Threads take batches from one queue, so a
 * thread that got large files takes fewer. Results come back in the files' order.
 */
export async function checkFiles(files: readonly string[], catalog: Catalog, settings: CheckSettings, jobs: number): Promise<FileResult[]> {
  const workers = Math.min(jobs - 1, Math.floor(files.length / (BATCH * 4)));
  if (workers <= 0) return files.map((file) => checkFile(file, catalog, settings));
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const take = (): [number, number] | undefined => {
    if (next >= files.length) return undefined;
    const from = next;
    next = Math.min(files.length, next + BATCH);
    return [from, next];
  };
  const workerData = { models: catalog.models as ModelCard[], origin: catalog.origin, settings };
  // Loaded here, not at start-up: most runs (a hook's few files, `count`) start no thread.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as { Worker: typeof WorkerThread };
  const threads = Array.from({ length: workers }, () => {
    const worker = new Worker(join(__dirname, 'check-worker.js'), { workerData });
    return new Promise<void>((resolve, reject) => {
      let batch: [number, number] | undefined;
      const send = () => {
        batch = take();
        if (!batch) return void worker.terminate().then(() => resolve());
        worker.postMessage(files.slice(...batch));
      };
      worker.on('message', (checked: FileResult[]) => {
        checked.forEach((result, i) => (results[batch![0] + i] = result));
        send();
      });
      worker.on('error', reject);
      send();
    });
  });
  // This thread checks batches too, letting the workers' answers in between.
  for (let batch = take(); batch; batch = take()) {
    for (let i = batch[0]; i < batch[1]; i++) results[i] = checkFile(files[i], catalog, settings);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(threads);
  return results;
}

/** How many threads `check` uses by default: one per core. */
export function defaultJobs(): number {
  return availableParallelism();
}

