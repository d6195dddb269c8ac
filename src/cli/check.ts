// `check`: each file read as the editor reads it (UTF-8, a BOM left out of the text), checked by the same
// core function as the extension's diagnostics (checkText), with the same codes, messages and ranges.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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

/** A file as the editor has it: its language, its text (UTF-8, a BOM left out), whether it had a BOM; or why it is not read. */
export function readSource(path: string, maxLength: number): { languageId: string; text: string; bom: boolean } | { skipped: string } {
  const languageId = languageOfPath(path);
  if (!languageId) return { skipped: SKIPPED['unsupported-language'] };
  let bytes: Buffer;
  try {
    // A UTF-16 unit is at least one byte: a file of more bytes than four per allowed unit cannot fit.
    if (statSync(path).size > maxLength * 4) return { skipped: tooLarge(maxLength) };
    bytes = readFileSync(path);
  } catch (error) {
    return { skipped: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  // Before decoding: a binary file is seldom valid UTF-8, and should be called binary.
  if (bytes.subarray(0, 8192).includes(0)) return { skipped: SKIPPED.binary };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { skipped: 'not valid UTF-8' };
  }
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
  const lines = lineStarts(text);
  const problems: Problem[] = [];
  for (const finding of checked.findings) {
    const severity = settings.severity[finding.code];
    if (severity === 'off') continue;
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
 * Checks the files, on `jobs` worker threads when there are enough files to pay for starting them,
 * and returns the results in the files' order.
 */
export async function checkFiles(files: readonly string[], catalog: Catalog, settings: CheckSettings, jobs: number): Promise<FileResult[]> {
  const threads = Math.min(jobs, Math.ceil(files.length / (BATCH * 2)));
  if (threads <= 1) return files.map((file) => checkFile(file, catalog, settings));
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const workerData = { models: catalog.models as ModelCard[], origin: catalog.origin, settings };
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(join(__dirname, 'check-worker.js'), { workerData });
      return new Promise<void>((resolve, reject) => {
        let from = 0;
        const send = () => {
          if (next >= files.length) return void worker.terminate().then(() => resolve());
          from = next;
          next = Math.min(files.length, next + BATCH);
          worker.postMessage(files.slice(from, next));
        };
        worker.on('message', (batch: FileResult[]) => {
          batch.forEach((result, i) => (results[from + i] = result));
          send();
        });
        worker.on('error', reject);
        send();
      });
    }),
  );
  return results;
}

/** How many threads `check` uses by default: one per core. */
export function defaultJobs(): number {
  return availableParallelism();
}

