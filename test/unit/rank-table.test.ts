import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFromFile } from '../../src/core/tokens/engine';
import { runSteps } from '../../src/core/tokens/binary-file';
import { BYTE_PAIR_TABLES, encodeRankTable, MOST_TOKENS, RANK_TABLE_VERSION, RankTable, readRankTable, readRankTableInSteps } from '../../src/core/tokens/rank-table';
import { Engines, VocabularyError } from '../../src/worker/engines';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byteString } from '../../src/core/tokens/strings';
import { referenceEngine, shippedFile, vocabulary } from './engines';
import { shareable } from '../../src/core/shared-memory';

const ROOT = resolve(__dirname, '..', '..', '..');
const recorded = new Map(
  readFileSync(join(ROOT, 'data', 'vocab', 'rank-tables.sha256'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/ +/).reverse() as [string, string]),
);

test('the build ships exactly the rank tables recorded in data/vocab/rank-tables.sha256 (npm run vocab:build)', () => {
  assert.deepEqual([...recorded.keys()].sort(), BYTE_PAIR_TABLES.map((e) => `${e}.bin`).sort());
  for (const encoding of BYTE_PAIR_TABLES) assert.equal(createHash('sha256').update(shippedFile(encoding)).digest('hex'), recorded.get(`${encoding}.bin`), encoding);
});

for (const encoding of BYTE_PAIR_TABLES) {
  test(`${encoding}: the shipped table is the build's encoding of its vocabulary, and finds every token at its rank`, () => {
    const ranks = vocabulary(encoding) as RankTable;
    const shipped = shippedFile(encoding);
    assert.ok(Buffer.from(encodeRankTable(ranks)).equals(shipped), 'dist/ranks differs from a fresh encoding');
    const table = readRankTable(shipped);
    assert.equal(table.size, ranks.length);
    const seen = new Map<string, number>();
    ranks.forEach((entry, rank) => {
      if (entry === null || entry === undefined) return;
      seen.set(typeof entry === 'string' ? byteString(entry) : String.fromCharCode(...entry), rank);
    });
    for (const [bytes, rank] of seen) assert.equal(table.rank(bytes, 0, bytes.length), rank, JSON.stringify(bytes));
    // And finds a token inside a longer byte string, and nothing that is not one.
    const [first] = seen.keys();
    assert.equal(table.rank(`\u00ff${first}\u00ff`, 1, 1 + first.length), seen.get(first));
    assert.equal(table.rank('\u00ff\u00fe\u00fd\u00fc\u00fb\u00fa\u00f9\u00f8', 0, 8), -1);
  });
}

test('a table keeps the later rank of a token listed twice (as the Map it replaces did), and holes find nothing', () => {
  const table = readRankTable(encodeRankTable(['a', 'b', null, 'ab', [0x61, 0x62], 'c']));
  assert.equal(table.rank('ab', 0, 2), 4);
  assert.equal(table.rank('c', 0, 1), 5);
  assert.equal(table.rank('', 0, 0), -1);
});

test('a table of more tokens than a slot of its index can name is refused when built and when read', () => {
  assert.throws(() => encodeRankTable(new Array<null>(MOST_TOKENS + 1).fill(null)), new RegExp(`${MOST_TOKENS + 1} tokens are more than a rank table holds`));
  const tokens = MOST_TOKENS + 1;
  const large = new Uint8Array(32 + Math.ceil(tokens / 2) * 4);
  const words = new Uint32Array(large.buffer);
  words.set(new Uint32Array(encodeRankTable(['a']).buffer, 0, 2)); // the format's magic and version
  words[2] = tokens;
  assert.throws(() => readRankTable(large), new RegExp(`holds ${tokens} tokens, more than a rank table can`));
  assert.doesNotThrow(() => encodeRankTable(new Array<null>(MOST_TOKENS).fill(null)));
});

test('a table that is damaged, truncated, of another version or not a table is refused, saying why', () => {
  const good = encodeRankTable(vocabulary('tekken') as RankTable);
  const damaged = good.slice();
  damaged[damaged.length - 100] ^= 0x40;
  const padded = good.slice();
  padded[padded.length - 1] = 1; // Tekken's bytes end 2 short of a multiple of 4
  const otherVersion = good.slice();
  new DataView(otherVersion.buffer).setUint32(4, RANK_TABLE_VERSION + 1, true);
  const cases: [Uint8Array, RegExp][] = [
    [good.slice(0, good.length >> 1), /sizes do not add up .*truncated or damaged/],
    [good.slice(0, 10), /too short for a rank table/],
    [damaged, /checksum does not match/],
    [padded, /its padding is not zeros: it is damaged/],
    [otherVersion, new RegExp(`version ${RANK_TABLE_VERSION + 1}, and this version reads only ${RANK_TABLE_VERSION}`)],
    [new TextEncoder().encode('["!", "\\"", "#"]'.padEnd(64)), /it is not a rank table/],
  ];
  for (const [data, why] of cases) {
    assert.throws(() => readRankTable(data), why);
    assert.throws(() => engineFromFile('tekken', data), why);
  }
});

test('a table read from a Buffer at an unaligned offset, or from shared memory, counts as the original', () => {
  const good = shippedFile('claude');
  const unaligned = Buffer.alloc(good.length + 1);
  good.forEach((b, i) => (unaligned[i + 1] = b));
  const shared = new Uint8Array(new SharedArrayBuffer(good.length));
  shared.set(good);
  const text = 'Tokens in a table, read three ways: the same count each time. ✓';
  const expected = engineFromFile('claude', good).count(text);
  assert.equal(engineFromFile('claude', unaligned.subarray(1)).count(text), expected);
  assert.equal(engineFromFile('claude', shared).count(text), expected);
});

test('a table loads in steps, for a thread that must stay responsive (the extension host): the same table, and broken ones refused', async () => {
  const good = shippedFile('o200k_base');
  const steps = readRankTableInSteps(good);
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  // Offsets for 200,019 tokens 16,384 at a time (13), the index's 1 MB first written 64 KB at a time
  // (16), the tokens indexed and checked 1,024 at a time (196).
  assert.ok(pauses >= 13 + 16 + 196, `${pauses} pauses`);
  const text = 'Summarize the attached contract in three sentences, then list its parties.';
  const engines = new Engines();
  engines.add('o200k_base', good);
  await engines.load('o200k_base', async () => undefined);
  assert.equal(engines.get('o200k_base').count(text), engineFromFile('o200k_base', good).count(text));
  const damaged = good.slice();
  damaged[damaged.length - 100] ^= 1;
  engines.add('claude', damaged);
  await assert.rejects(engines.load('claude', async () => undefined), (error) => error instanceof VocabularyError && /checksum does not match/.test(error.message));
});

test("a table read with another load's index uses it as it is (shared memory on Node), finds every token as that load does, and refuses an index that does not fit", async () => {
  // Copied into shared memory in steps, as a counting thread does with a table before reading it.
  const data = runSteps(shareable(shippedFile('llama3')));
  assert.ok(data.buffer instanceof SharedArrayBuffer && Buffer.from(data).equals(shippedFile('llama3')));
  const first = readRankTable(data);
  const { index } = first;
  assert.ok(index.slots.buffer instanceof SharedArrayBuffer && index.starts.buffer instanceof SharedArrayBuffer, 'the index is in shared memory');
  const second = readRankTable(data, index);
  assert.equal(second.index.slots, index.slots);
  assert.equal(second.index.starts, index.starts);
  const tokens = vocabulary('llama3') as RankTable;
  tokens.forEach((entry) => {
    if (entry === null || entry === undefined) return;
    const bytes = typeof entry === 'string' ? byteString(entry) : String.fromCharCode(...entry);
    assert.equal(second.rank(bytes, 0, bytes.length), first.rank(bytes, 0, bytes.length), JSON.stringify(bytes));
  });
  assert.equal(second.rank('\u00ff\u00fe\u00fd\u00fc', 0, 4), -1);
  const other = readRankTable(shippedFile('claude')).index;
  assert.throws(() => readRankTable(data, other), /the index given with it does not fit it/);
  assert.throws(() => readRankTable(data, { starts: index.starts, slots: index.slots.subarray(1) }), /does not fit/);

  // Through Engines, as the counting worker passes its vocabulary on to a helper: the helper's engine
  // is made with the worker's index, and counts as the worker's does.
  const worker = new Engines();
  worker.add('llama3', data);
  await worker.load('llama3', async () => undefined);
  const passed = worker.vocabulary('llama3')!;
  assert.equal(passed.index, worker.get('llama3').index);
  const helper = new Engines();
  helper.add('llama3', passed.data, passed.index);
  assert.equal(helper.get('llama3').index!.slots, passed.index!.slots);
  const text = 'Count this in two threads, from one index: résumé, 東京, 🙂, `x => x + 1`.';
  assert.equal(helper.get('llama3').count(text), worker.get('llama3').count(text));
  assert.equal(helper.get('llama3').count(text), referenceEngine('llama3').count(text));
});
