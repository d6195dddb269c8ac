// npm run vocab:build -- [<folder>]   writes data/vocab/<name>.json, the byte-pair rank tables the token
// counter ships for Llama 3, Llama 4 and Mistral's Tekken, from the published files in <folder>
// (default ../shared/tokenizers): Meta's `.tiktoken` files and mistral_common's `tekken_240718.json`;
// and copies their licences beside them. Entry i of a table is token i: its text where its bytes are
// valid UTF-8, else the bytes.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  return 0;
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
