// One tokenizer candidate in a fresh process (node --expose-gc out/bench/token-engine.js <candidate>
// <bytes | file path> [<encoding>]): encoder load time and memory, then counts of the mixed corpus of
// that size, or of the file. Prints one JSON line.
// The encoding (o200k_base unless given) is the shipped counter's; the other candidates are o200k_base's.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TokenDocument } from '../src/core/tokens/document';
import { EncodingName } from '../src/core/tokens/encodings';
import { engineFromFile, vocabularyFile } from '../src/core/tokens/engine';
import { mixedCorpus } from './corpus';
import { median } from './measure';

const ROOT = resolve(__dirname, '..', '..');
export const CANDIDATES = ['shipped counter', 'gpt-tokenizer', 'tiktoken (WASM, reference)', 'js-tiktoken'] as const;
type Candidate = (typeof CANDIDATES)[number];

/* eslint-disable @typescript-eslint/no-require-imports */
function load(candidate: Candidate, encoding: EncodingName): (text: string) => number {
  switch (candidate) {
    case 'shipped counter': {
      const engine = engineFromFile(encoding, readFileSync(resolve(ROOT, 'dist', 'ranks', vocabularyFile(encoding))));
      // What the worker does on a document's first count: cut it into blocks and count them all.
      return (text) => new TokenDocument(text, engine).total().tokens;
    }
    case 'gpt-tokenizer': {
      const { countTokens } = require('gpt-tokenizer/cjs/encoding/o200k_base');
      return (text) => countTokens(text, { disallowedSpecial: new Set() });
    }
    case 'tiktoken (WASM, reference)': {
      const encoder = require('tiktoken').get_encoding('o200k_base');
      return (text) => encoder.encode_ordinary(text).length;
    }
    case 'js-tiktoken': {
      const { Tiktoken } = require('js-tiktoken/lite');
      const encoder = new Tiktoken(require('js-tiktoken/ranks/o200k_base'));
      return (text) => encoder.encode(text, [], []).length;
    }
  }
}

export interface EngineFigures {
  candidate: Candidate;
  loadMs: number;
  loadRssMb: number;
  coldMs: number;
  medianMs: number;
  tokens: number;
  /** The process's peak resident memory. */
  peakRssMb: number;
}

if (require.main === module) {
  const [candidate, input, encoding] = [process.argv[2] as Candidate, process.argv[3], (process.argv[4] ?? 'o200k_base') as EncodingName];
  const text = /^\d+$/.test(input) ? mixedCorpus(Number(input)) : readFileSync(input, 'utf8');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const count = load(candidate, encoding);
  const loadMs = performance.now() - started;
  gc?.();
  const loadRssMb = (process.memoryUsage().rss - rssBefore) / (1024 * 1024);
  const times: number[] = [];
  let tokens = 0;
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    tokens = count(text);
    times.push(performance.now() - started);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const figures: EngineFigures = { candidate, loadMs, loadRssMb, coldMs: times[0], medianMs: median(times), tokens, peakRssMb };
  console.log(JSON.stringify(figures));
}
