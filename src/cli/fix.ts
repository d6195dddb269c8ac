// `--fix`: every quick fix with exactly one candidate (an alias to its id, the endpoint params type, a
// chunk size to its limit, `single_item_qa` to `multiple_item_qa`), applied bottom to top, overlaps
// left for the next pass, up to ten passes; each file written whole through a temporary file and a
// rename, and only if it has not changed since it was read.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Catalog } from '../core/catalog/catalog';
import { checkContent, FileResult, Problem, readSource } from './check';
import { CheckSettings } from './settings';

const MAX_PASSES = 10;

export interface FixOutcome {
  result: FileResult;
  /** The text before and after, when any fix applied. */
  before?: string;
  after?: string;
  /** Why a fixed text was not written. */
  notWritten?: string;
}

/** The text with every single-candidate fix of `problems` applied that does not overlap another; how many applied. */
export function applyFixes(text: string, problems: readonly Problem[]): { text: string; applied: number } {
  const fixable = problems.filter((p) => p.fixes.length === 1).sort((a, b) => b.start - a.start || b.end - a.end);
  let applied = 0;
  let limit = Infinity;
  for (const problem of fixable) {
    if (problem.end > limit) continue; // overlaps one applied after it in the text: the next pass sees it again
    text = text.slice(0, problem.start) + problem.fixes[0].replacement + text.slice(problem.end);
    limit = problem.start;
    applied++;
  }
  return { text, applied };
}

/** Fixes one file: passes until nothing more applies; writes it unless `dryRun`. */
export function fixFile(path: string, catalog: Catalog, settings: CheckSettings, dryRun: boolean): FixOutcome {
  const source = readSource(path, settings.maxLength);
  if ('skipped' in source) return { result: { path, problems: [], skipped: source.skipped } };
  const { languageId, text: original } = source;
  let text = original;
  let problems: Problem[] = [];
  let originalProblems: Problem[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const checked = checkContent(text, languageId, catalog, settings);
    if ('skipped' in checked) return { result: { path, problems: [], skipped: checked.skipped } };
    problems = checked.problems;
    if (pass === 0) originalProblems = problems;
    const fixed = applyFixes(text, problems);
    if (fixed.applied === 0) break;
    text = fixed.text;
  }
  const result: FileResult = { path, problems };
  if (text === original) return { result };
  if (dryRun) return { result, before: original, after: text };
  const bom = source.bom ? '\ufeff' : '';
  const notWritten = writeIfUnchanged(path, bom + original, bom + text);
  // A file left as it was keeps the problems it has.
  return notWritten ? { result: { path, problems: originalProblems }, notWritten } : { result, before: original, after: text };
}

/** Writes `after` over the file through a temporary file and a rename, unless its text is no longer `before`. */
export function writeIfUnchanged(path: string, before: string, after: string): string | undefined {
  const temporary = join(dirname(path), `.${basename(path)}.box-ai-models-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, after);
    // The file may have changed while it was being checked: then it is left as it now is.
    if (readFileSync(path, 'utf8') !== before) {
      rmSync(temporary, { force: true });
      return 'it changed while it was being fixed, so it was left as it is';
    }
    renameSync(temporary, path);
    return undefined;
  } catch (error) {
    rmSync(temporary, { force: true });
    return `it could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

/** A unified diff of two texts: each changed line with up to three lines of context around it. */
export function unifiedDiff(path: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // Fixes replace within lines, so both texts have the same lines; were it otherwise, one hunk replaces all.
  if (a.length !== b.length) return `--- a/${path}\n+++ b/${path}\n@@ -1,${a.length} +1,${b.length} @@\n${[...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)].join('\n')}\n`;
  const groups: [number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 6) last[1] = i;
    else groups.push([i, i]);
  }
  const hunks = groups.map(([first, last]) => {
    const from = Math.max(0, first - 3);
    const to = Math.min(a.length - 1, last + 3);
    const lines: string[] = [];
    for (let i = from; i <= to; i++) lines.push(...(a[i] === b[i] ? [` ${a[i]}`] : [`-${a[i]}`, `+${b[i]}`]));
    return `@@ -${from + 1},${to - from + 1} +${from + 1},${to - from + 1} @@\n${lines.join('\n')}`;
  });
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('\n')}\n`;
}
