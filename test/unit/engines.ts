// The engines the token tests compare: the shipped one, and the reference (tiktoken's Rust core, as WASM).
import { EncodingName } from '../../src/core/tokens/encodings';
import { gptTokenizerEngine, RankTable, TokenEngine } from '../../src/core/tokens/engine';

export function rankTable(encoding: EncodingName): RankTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`gpt-tokenizer/cjs/bpeRanks/${encoding}`).default;
}

const shipped = new Map<EncodingName, TokenEngine>();
export function shippedEngine(encoding: EncodingName): TokenEngine {
  let engine = shipped.get(encoding);
  if (!engine) shipped.set(encoding, (engine = gptTokenizerEngine(encoding, rankTable(encoding))));
  return engine;
}

const reference = new Map<EncodingName, TokenEngine>();
export function referenceEngine(encoding: EncodingName): TokenEngine {
  let engine = reference.get(encoding);
  if (!engine) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tiktoken = require('tiktoken').get_encoding(encoding);
    engine = { encoding, count: (text: string) => tiktoken.encode_ordinary(text).length };
    reference.set(encoding, engine);
  }
  return engine;
}
