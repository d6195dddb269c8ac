// The engines the token tests compare: the shipped one, and the reference (tiktoken's Rust core, as
// WASM; for Gemma 3, Hugging Face's Tokenizers.js). For Meta's, Mistral's and Gemma's encodings the
// reference is loaded with the published files and the published patterns themselves
// (../shared/tokenizers), not with what the build made of them.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EncodingName } from '../../src/core/tokens/encodings';
import { engineFromFile, TokenEngine, vocabularyFile } from '../../src/core/tokens/engine';

const ROOT = resolve(__dirname, '..', '..', '..');
const PUBLISHED = join(ROOT, '..', 'shared', 'tokenizers');
/** Meta's Llama 3 pattern (llama-models `tokenizer.py`). */
const LLAMA3_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** An encoding's vocabulary as the build reads it: the rank list (or Gemma 3's pieces) its shipped file is made from. */
export function vocabulary(encoding: EncodingName): unknown {
  if (encoding === 'o200k_base' || encoding === 'cl100k_base') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`gpt-tokenizer/cjs/bpeRanks/${encoding}`).default;
  }
  return JSON.parse(readFileSync(join(ROOT, 'data', 'vocab', `${encoding}.json`), 'utf8'));
}

/** The encoding's vocabulary file as the build wrote it into dist/ranks/ (what the worker is sent). */
export function shippedFile(encoding: EncodingName): Uint8Array {
  return readFileSync(join(ROOT, 'dist', 'ranks', vocabularyFile(encoding)));
}

const shipped = new Map<EncodingName, TokenEngine>();
export function shippedEngine(encoding: EncodingName): TokenEngine {
  let engine = shipped.get(encoding);
  if (!engine) shipped.set(encoding, (engine = engineFromFile(encoding, shippedFile(encoding))));
  return engine;
}

const reference = new Map<EncodingName, TokenEngine>();
export function referenceEngine(encoding: EncodingName): TokenEngine {
  let engine = reference.get(encoding);
  if (!engine && encoding === 'gemma3') engine = referenceGemma3();
  if (!engine) {
    const tiktoken = referenceTiktoken(encoding);
    // Anthropic's own counter normalises to NFKC before encoding.
    const normalize = encoding === 'claude';
    engine = { encoding, count: (text: string) => tiktoken.encode_ordinary(normalize ? text.normalize('NFKC') : text).length };
    reference.set(encoding, engine);
  }
  return engine;
}

/** Gemma 3 as Tokenizers.js reads the published tokenizer.json, without the `<bos>` it adds by default. */
function referenceGemma3(): TokenEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Tokenizer } = require('@huggingface/tokenizers') as typeof import('@huggingface/tokenizers');
  const tokenizer = new Tokenizer(JSON.parse(gunzipSync(readFileSync(join(PUBLISHED, 'gemma3.tokenizer.json.gz'))).toString('utf8')), {});
  const engine: TokenEngine = { encoding: 'gemma3', count: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids.length };
  reference.set('gemma3', engine);
  return engine;
}

function referenceTiktoken(encoding: EncodingName): { encode_ordinary(text: string): Uint32Array } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { get_encoding, Tiktoken } = require('tiktoken') as typeof import('tiktoken');
  switch (encoding) {
    case 'o200k_base':
    case 'cl100k_base':
      return get_encoding(encoding);
    case 'llama3':
      return new Tiktoken(readFileSync(join(PUBLISHED, 'llama3.tiktoken'), 'utf8'), {}, LLAMA3_PATTERN);
    case 'llama4':
      // Meta's O200K_PATTERN is tiktoken's o200k_base pattern.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return new Tiktoken(readFileSync(join(PUBLISHED, 'llama4.tiktoken'), 'utf8'), {}, require('tiktoken/encoders/o200k_base.json').pat_str);
    case 'claude': {
      // Anthropic's legacy Claude tokenizer as its npm package loads it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const claude = require('@anthropic-ai/tokenizer/claude.json') as { bpe_ranks: string; pat_str: string };
      return new Tiktoken(claude.bpe_ranks, {}, claude.pat_str);
    }
    case 'gemma3':
      throw new Error('Gemma 3 has its own reference');
    case 'tekken': {
      const data = JSON.parse(readFileSync(join(PUBLISHED, 'tekken_240718.json'), 'utf8')) as {
        config: { pattern: string; default_vocab_size: number; default_num_special_tokens: number };
        vocab: { rank: number; token_bytes: string }[];
      };
      const size = data.config.default_vocab_size - data.config.default_num_special_tokens;
      const ranks = data.vocab.filter((v) => v.rank < size).map((v) => `${v.token_bytes} ${v.rank}`).join('\n');
      return new Tiktoken(ranks, {}, data.config.pattern);
    }
  }
}
