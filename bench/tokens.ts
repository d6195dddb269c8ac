// The token counter's benchmark: candidate engines side by side (each in a fresh process), the
// incremental update against a full re-encode, and pathological input. Returns Markdown table rows.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { countBounded } from '../src/core/tokens/count';
import { BOX_TEXT_LIMIT } from '../src/core/limits';
import { TokenDocument } from '../src/core/tokens/document';
import { ENCODINGS, EncodingName } from '../src/core/tokens/encodings';
import { engineFromFile, vocabularyFile } from '../src/core/tokens/engine';
import { mixedCorpus } from './corpus';
import { measure } from './measure';
import { HelperLoadFigures } from './helper-load';
import { ParallelFigures } from './parallel-count';
import { CANDIDATES, EngineFigures } from './token-engine';

const ROOT = resolve(__dirname, '..', '..');
const MB = 1024 * 1024;
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 0);

export function tokenBenchmarks(): string[] {
  const lines: string[] = [];
  // Engines: each in its own process, so load time and memory are not shared with the others.
  const inFreshProcess = (candidate: string, encoding: EncodingName = 'o200k_base', input = String(10 * MB)): EngineFigures =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', join(__dirname, 'token-engine.js'), candidate, input, encoding], { encoding: 'utf8' }));
  const engines = CANDIDATES.map((candidate) => inFreshProcess(candidate));
  const reference = engines.find((e) => e.candidate.includes('reference'))!.tokens;
  lines.push('| engine (o200k_base, 10 MB mixed corpus) | encoder load ms | load RSS MB | cold count ms | median of 3 ms | tokens | exact vs reference |');
  lines.push('|---|---:|---:|---:|---:|---:|---|');
  for (const e of engines) {
    lines.push(`| ${e.candidate} | ${ms(e.loadMs)} | ${e.loadRssMb.toFixed(0)} | ${ms(e.coldMs)} | ${ms(e.medianMs)} | ${e.tokens} | ${e.tokens === reference ? 'yes' : `no (${e.tokens - reference > 0 ? '+' : ''}${e.tokens - reference})`} |`);
  }
  const shipped = engines.find((e) => e.candidate === 'shipped counter')!;
  const fastestExact = engines.filter((e) => e.tokens === reference && e !== shipped).sort((a, b) => a.medianMs - b.medianMs)[0];
  const fastest = engines.filter((e) => e !== shipped).sort((a, b) => a.medianMs - b.medianMs)[0];

  // In-process: the shipped engine on the same corpus.
  const shippedEngine = (encoding: EncodingName) => engineFromFile(encoding, readFileSync(join(ROOT, 'dist', 'ranks', vocabularyFile(encoding))));
  const engine = shippedEngine('o200k_base');
  const text = mixedCorpus(10 * MB);
  const document = new TokenDocument(text, engine);
  document.total();
  const middle = Math.floor(text.length / 2);
  const update = measure(101, (run) => {
    document.applyChanges([{ offset: middle + run * 13, removed: 1, inserted: run % 2 ? 'x' : ' ' }]);
    document.total();
  });
  // Box's 2 MB text limit after each edit: a walk over the blocks' kept byte lengths, plus the count of
  // the text before the cut (its blocks are counted already), beside the edit it follows.
  const cut = measure(101, (run) => {
    document.applyChanges([{ offset: middle + run * 13, removed: 1, inserted: run % 2 ? 'x' : ' ' }]);
    document.total();
    document.byteCut([], BOX_TEXT_LIMIT.value);
  });
  // Without blocks, every edit would mean counting the whole text again.
  const full = measure(3, () => new TokenDocument(text, engine).total());

  const rows: [string, string][] = [
    ['shipped cold count vs fastest exact engine (' + fastestExact.candidate + ')', `${(shipped.medianMs / fastestExact.medianMs).toFixed(2)}×`],
    ['shipped cold count vs fastest engine measured (' + fastest.candidate + ')', `${(shipped.medianMs / fastest.medianMs).toFixed(2)}×`],
    ['1-character edit in the middle of 10 MB: incremental update, median / p95 / max ms', `${ms(update.median)} / ${ms(update.p95)} / ${ms(update.max)}`],
    ['same edit: full recount of 10 MB instead, median ms', ms(full.median)],
    ["same edit, its total and Box's 2 MB point (byteCut): median / p95 ms", `${ms(cut.median)} / ${ms(cut.p95)}`],
    ["Box's 2 MB point's cost per edit (median difference; target: at most 0.1 ms)", ms(Math.max(0, cut.median - update.median))],
    ['incremental update vs full recount', `${Math.round(full.median / update.median)}× faster`],
  ];

  // Each shipped encoding on the same corpus: load, cold counts and peak memory in a fresh process (as
  // the worker does on its first count), and the incremental edit. The corpus repeats its paragraphs,
  // which favours engines that remember words; real code that does not repeat itself is the check.
  const realCode = join(ROOT, 'node_modules', 'typescript', 'lib', 'typescript.js');
  lines.push('');
  lines.push(`| encoding (10 MB mixed corpus) | vocabulary load ms | load RSS MB | first count ms | median of 3 counts ms | vs o200k_base | peak RSS MB | 1-character edit median / p95 ms | first count of typescript.js (${(statSync(realCode).size / MB).toFixed(1)} MB) ms | vs o200k_base |`);
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  let o200kMedian = 0;
  let o200kReal = 0;
  for (const encoding of ENCODINGS.filter((e) => e !== 'cl100k_base')) {
    const fresh = inFreshProcess('shipped counter', encoding);
    const real = inFreshProcess('shipped counter', encoding, realCode);
    if (encoding === 'o200k_base') [o200kMedian, o200kReal] = [fresh.medianMs, real.coldMs];
    const doc = new TokenDocument(text, shippedEngine(encoding));
    doc.total();
    const edit = measure(101, (run) => {
      doc.applyChanges([{ offset: middle + run * 13, removed: 1, inserted: run % 2 ? 'x' : ' ' }]);
      doc.total();
    });
    const cells = [ms(fresh.loadMs), fresh.loadRssMb.toFixed(0), ms(fresh.coldMs), ms(fresh.medianMs), `${(fresh.medianMs / o200kMedian).toFixed(2)}×`, fresh.peakRssMb.toFixed(0)];
    lines.push(`| ${encoding} | ${cells.join(' | ')} | ${ms(edit.median)} / ${ms(edit.p95)} | ${ms(real.coldMs)} | ${(real.coldMs / o200kReal).toFixed(2)}× |`);
  }

  // The counting worker itself, as the extension runs it, with 1, 2 and 4 threads (itself and helpers).
  const parallel = [1, 2, 4].map((threads) => JSON.parse(execFileSync(process.execPath, [join(__dirname, 'parallel-count.js'), String(threads)], { encoding: 'utf8' })) as ParallelFigures);
  const gptTokenizer = engines.find((e) => e.candidate === 'gpt-tokenizer')!;
  lines.push('');
  lines.push(`| counting worker, 10 MB cold count, threads (this machine: ${availableParallelism()} cores) | median ms | speed-up | vs gpt-tokenizer countTokens (${ms(gptTokenizer.medianMs)} ms) | peak RSS MB | vs 1 thread | exact |`);
  lines.push('|---|---:|---:|---:|---:|---:|---|');
  for (const p of parallel) {
    const one = parallel[0];
    lines.push(`| ${p.threads} | ${ms(p.medianMs)} | ${(one.medianMs / p.medianMs).toFixed(2)}× | ${(p.medianMs / gptTokenizer.medianMs).toFixed(2)}× | ${p.peakRssMb.toFixed(0)} | ${(p.peakRssMb / one.peakRssMb).toFixed(2)}× | ${p.tokens === reference ? 'yes' : 'no'} |`);
  }

  // A helper thread's load: given what the counting worker made of the vocabulary, or making its own.
  lines.push('');
  lines.push("| a helper thread's vocabulary load (fresh threads, medians of 5) | given the counting worker's index, ms | indexing it itself, ms |");
  lines.push('|---|---:|---:|');
  for (const encoding of ['o200k_base', 'gemma3'] as const) {
    const load = JSON.parse(execFileSync(process.execPath, [join(__dirname, 'helper-load.js'), encoding, '5'], { encoding: 'utf8' })) as HelperLoadFigures;
    lines.push(`| ${encoding} | ${ms(load.givenIndexMs)} | ${ms(load.ownIndexMs)} |`);
  }

  // Pathological input: one run without white space, a minified one-line file, a file with no block cut.
  for (const [label, input] of [
    ['1 MB run of one letter', 'a'.repeat(MB)],
    ['1 MB run of random letters', Array.from({ length: MB }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('')],
    ['1 MB minified JSON on one line', '{"key":"value","n":[1,2,3]},'.repeat(MB / 28)],
    // No letter before punctuation and no line start: one block, counted piece by piece.
    ['32 MB of numbers and punctuation with nowhere to cut', '1234, 5678; '.repeat((32 * MB) / 12)],
  ] as const) {
    const bounded = measure(3, () => countBounded(engine, input));
    // The worker yields between blocks: the longest block is the longest it cannot take a message.
    let longestStep = 0;
    const doc = new TokenDocument(input, engine);
    let last = performance.now();
    doc.countPending(() => {
      const now = performance.now();
      longestStep = Math.max(longestStep, now - last);
      last = now;
      return false;
    });
    rows.push([`${label}: time to a bounded result, median ms (${countBounded(engine, input).approximate ? '≈' : 'exact'})`, ms(bounded.median)]);
    rows.push([`${label}: longest step in the worker without taking messages, ms`, ms(longestStep)]);
  }
  lines.push('');
  lines.push('| token counter | figure |');
  lines.push('|---|---:|');
  for (const [name, value] of rows) lines.push(`| ${name} | ${value} |`);
  return lines;
}
