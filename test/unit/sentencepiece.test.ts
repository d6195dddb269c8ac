import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSteps } from '../../src/core/tokens/binary-file';
import { engineFromFile } from '../../src/core/tokens/engine';
import { encodeSentencePieces, neighboursOf, PackedSentencePieces, packSentencePieces, piecesCheck, PIECE_FILE_VERSION, readSentencePieces, sealPieceFile } from '../../src/core/tokens/piece-file';
import { forEachMerge, MergeRanks, PieceIndex, PieceTable } from '../../src/core/tokens/sentencepiece';
import { shareable } from '../../src/core/shared-memory';
import { Engines } from '../../src/worker/engines';
import { referenceEngine, shippedFile } from './engines';
import { rng } from './random';

const shipped = (): PackedSentencePieces => readSentencePieces(shippedFile('gemma3'));

/**
 * Checks that the ranks found pair by pair give each merge the derivation lists its piece, in the
 * derivation's order; the merges, as left · size + right.
 */
function checkRanksAgainstDerivation(vocabulary: PackedSentencePieces): { table: PieceTable; ranks: MergeRanks; merges: Set<number> } {
  const table = new PieceTable(vocabulary.units, vocabulary.size);
  const ranks = new MergeRanks(table, vocabulary.first);
  const merges = new Set<number>();
  let previous = -1;
  forEachMerge(vocabulary, (left, right, merged) => {
    const slot = ranks.find(left, right);
    assert.equal(ranks.mergedAt(slot), merged, `${table.piece(left)} + ${table.piece(right)}`);
    const rank = ranks.rankAt(slot);
    assert.ok(rank > previous, `${table.piece(left)} + ${table.piece(right)} ranks ${rank}, after ${previous}`);
    previous = rank;
    merges.add(left * table.size + right);
  });
  return { table, ranks, merges };
}

test('gemma3: ranks found when a pair is met order the merges as the derivation checked against the published list does, and no other pair merges', () => {
  const { table, ranks, merges } = checkRanksAgainstDerivation(shipped());
  assert.equal(merges.size, 514_906);
  // Pairs that are no merge: random ones, and the ones next to each merge's.
  const next = rng(7);
  for (let i = 0; i < 200_000; i++) {
    const left = Math.floor(next() * table.size);
    const right = i % 2 === 0 ? Math.floor(next() * table.size) : (left * 7 + i) % table.size;
    if (!merges.has(left * table.size + right)) assert.equal(ranks.mergedAt(ranks.find(left, right)), -1, `${table.piece(left)} + ${table.piece(right)}`);
  }
});

test('merge ranks found pair by pair order the merges as the derivation does, on random vocabularies (astral characters, ▁, several first groups)', () => {
  const next = rng(11);
  const alphabet = ['a', 'b', 'c', '▁', 'é', '😀', '中'];
  for (let round = 0; round < 40; round++) {
    const pieces = [...alphabet];
    const seen = new Set(pieces);
    while (pieces.length < 60 + round * 5) {
      const length = 2 + Math.floor(next() * 5);
      const piece = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      if (!seen.has(piece)) pieces.push(piece), seen.add(piece);
    }
    // A few groups of later pieces ranked first, as Gemma 3's whitespace runs are.
    const later = pieces.map((_, id) => id).filter((id) => id >= alphabet.length);
    const first = Array.from({ length: round % 4 }, () => [later.splice(Math.floor(next() * later.length), 1)[0], later.splice(Math.floor(next() * later.length), 1)[0]].sort((a, b) => a - b));
    const { ranks, merges } = checkRanksAgainstDerivation(packSentencePieces({ pieces, added: [], first }));
    assert.ok(merges.size > 0);
    for (let left = 0; left < pieces.length; left++) {
      for (let right = 0; right < pieces.length; right++) {
        const merged = ranks.mergedAt(ranks.find(left, right));
        assert.equal(merged >= 0, merges.has(left * pieces.length + right), `${pieces[left]} + ${pieces[right]}`);
        if (merged >= 0) assert.equal(pieces[merged], pieces[left] + pieces[right]);
      }
    }
  }
});

test('gemma3: the shipped file holds the neighbouring characters its pieces give (34,012 pairs; spaces filed as `▁`)', () => {
  const { units, neighbours } = shipped();
  const found = neighboursOf(units);
  assert.deepEqual(neighbours.ascii, found.ascii);
  assert.deepEqual(neighbours.pairs, found.pairs);
  assert.equal(neighbours.ascii.reduce((sum, pair) => sum + pair, 0) + neighbours.pairs.length / 2, 34_012);
  // `▁` joined to a letter is filed under the space; an astral character as one code point.
  assert.equal(neighbours.ascii[32 * 128 + 't'.charCodeAt(0)], 1);
  const pairs = new Set(Array.from({ length: neighbours.pairs.length / 2 }, (_, i) => `${neighbours.pairs[2 * i]} ${neighbours.pairs[2 * i + 1]}`));
  assert.ok([...pairs].some((pair) => pair.split(' ').some((code) => Number(code) > 0xffff)));
});

test('gemma3: a vocabulary file that is not a packed one is refused, saying why', () => {
  const pieces = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x100 + i));
  const good = packSentencePieces({ pieces: ['a', 'b', 'ab', ...pieces], added: [], first: [[2]] });
  const file = encodeSentencePieces(good);
  assert.equal(engineFromFile('gemma3', file).count('ab'), 1);
  // At any offset (a Buffer may be a view into a larger one): read from an aligned copy.
  const offset = new Uint8Array(file.length + 1);
  offset.set(file, 1);
  assert.equal(engineFromFile('gemma3', offset.subarray(1)).count('ab'), 1);

  // The file itself: cut short, another version or format, damaged.
  const refusedFiles: [Uint8Array, RegExp][] = [
    [file.subarray(0, 20), /it is 20 bytes long, too short for a SentencePiece vocabulary/],
    [file.subarray(0, file.length - 4), /its sizes do not add up \(\d+ bytes; \d+ expected from its header\): it is truncated or damaged/],
    [withWord(file, 1, PIECE_FILE_VERSION + 1), new RegExp(`it is a SentencePiece vocabulary of version ${PIECE_FILE_VERSION + 1}, and this version reads only ${PIECE_FILE_VERSION}`)],
    [withWord(file, 0, 0x54525842), /it is not a SentencePiece vocabulary/],
    // A piece's unit changed ('a' as 'c'), checked as the pieces are indexed; a byte of the neighbours
    // or extras changed, by their checksum.
    [withWord(file, 8, 0xffff0063), /its checksum does not match: it is damaged/],
    [withWord(file, file.length / 4 - 3, 0x78787878), /its checksum does not match: it is damaged/],
    // Its 607 units end 2 bytes short of a multiple of 4: those 2 bytes are zeros.
    [withWord(file, 8 + 303, 0x00010000 | good.units[606]), /its padding is not zeros: it is damaged/],
    [shippedFile('o200k_base'), /it is not a SentencePiece vocabulary/],
  ];
  for (const [data, why] of refusedFiles) assert.throws(() => engineFromFile('gemma3', data), why);
  // The check that indexing the pieces makes is piecesCheck's (the one the file holds).
  assert.equal(new PieceTable(good.units, good.size, undefined, piecesCheck(good.units)).size, good.size);
  assert.throws(() => new PieceTable(good.units, good.size, undefined, piecesCheck(good.units) ^ 1), /its checksum does not match: it is damaged/);

  // What a file holds, well sealed: pieces and extras of the wrong shape.
  const units = (text: string) => Uint16Array.from(text, (c) => c.charCodeAt(0));
  const refusals: [PackedSentencePieces, RegExp][] = [
    [{ ...good, units: good.units.subarray(0, -1) }, /its last piece has no end/],
    [{ ...good, units: units('a\uffff\uffffb\uffff') }, /its piece 1 is empty/],
    [{ ...good, units: units(`${'a'.repeat(256)}\uffff`), size: 1 }, /its piece 0 is too long/],
    [{ ...good, size: 302 }, /it holds more pieces than the 302 its header gives/],
    [{ ...good, size: 304 }, /it holds 303 pieces, and its header gives 304/],
    [{ ...good, added: [1] as unknown as string[] }, /it has no list of added tokens/],
    [{ ...good, added: ['<b>', '<a>'] }, /its added tokens are not in order, or one is empty or repeated/],
    [{ ...good, added: ['<a>', '<a>'] }, /its added tokens are not in order, or one is empty or repeated/],
    [{ ...good, first: [[2.5]] }, /its merge groups are not lists of piece ids/],
    [{ ...good, first: [[303]] }, /its merge groups name piece 303, and it has 303/],
    [{ ...good, units: Uint16Array.from([...good.units, ...units('ab\uffff')]), size: 304 }, /its piece 303 repeats piece 2/],
  ];
  for (const [value, why] of refusals) assert.throws(() => engineFromFile('gemma3', encodeSentencePieces(value)), why, String(why));
  const notJson = new Uint8Array(file);
  notJson[Buffer.from(file).indexOf('{"added"')] = 0x78; // the extras' `{`, as `x`
  sealPieceFile(notJson);
  assert.throws(() => engineFromFile('gemma3', notJson), /its added tokens and merge groups are not JSON/);
  assert.throws(() => packSentencePieces({ pieces: ['a', ''], added: [], first: [] }), /a piece is empty or holds U\+FFFF/);
});

/** A copy of `file` with its 32-bit word `at` set to `value`. */
function withWord(file: Uint8Array, at: number, value: number): Uint8Array {
  const copy = new Uint8Array(file);
  new DataView(copy.buffer).setUint32(4 * at, value, true);
  return copy;
}

test("gemma3: an engine made with another load's index uses it as it is (shared memory on Node), counts as that load does, and refuses an index that does not fit", async () => {
  const data = runSteps(shareable(shippedFile('gemma3')));
  const first = engineFromFile('gemma3', data);
  const index = first.index as PieceIndex;
  const arrays = [index.starts, index.slots, index.oneCharacter, index.neighbours.ascii, index.neighbours.befores, index.neighbours.codes];
  assert.ok(arrays.every((array) => array.buffer instanceof SharedArrayBuffer), 'the index is in shared memory');
  const second = engineFromFile('gemma3', data, index);
  const secondIndex = second.index as PieceIndex;
  assert.equal(secondIndex.slots, index.slots);
  assert.equal(secondIndex.neighbours.befores, index.neighbours.befores);
  // Words that take every part of the index: added tokens, one-character pieces, neighbours cut, merges, byte fallback.
  const text = 'Count this in two threads <start_of_turn>user\n\n\t résumé 東京タワー 🙂🙃 `x => x + 1` <unused12> ' + '\u{10FFFD}';
  assert.equal(second.count(text), first.count(text));
  assert.equal(second.count(text), referenceEngine('gemma3').count(text));

  const small = encodeSentencePieces(packSentencePieces({ pieces: ['a', 'b', 'ab'], added: [], first: [] }));
  assert.throws(() => engineFromFile('gemma3', small, index), /the index given with it does not fit it/);
  assert.throws(() => engineFromFile('gemma3', data, { ...index, slots: index.slots.subarray(1) }), /does not fit/);
  assert.throws(() => engineFromFile('gemma3', data, { ...index, neighbours: { ...index.neighbours, ascii: index.neighbours.ascii.subarray(1) } }), /does not fit/);
  assert.throws(() => engineFromFile('gemma3', data, engineFromFile('llama3', shippedFile('llama3')).index), /does not fit/);
  assert.throws(() => engineFromFile('llama3', shippedFile('llama3'), index), /does not fit/);

  // Through Engines, as the counting worker passes its vocabulary on to a helper.
  const worker = new Engines(true);
  worker.add('gemma3', shippedFile('gemma3'));
  await worker.load('gemma3', async () => undefined);
  const passed = worker.vocabulary('gemma3')!;
  assert.ok(passed.data.buffer instanceof SharedArrayBuffer && passed.index === worker.get('gemma3').index);
  const helper = new Engines();
  helper.add('gemma3', passed.data, passed.index);
  assert.equal((helper.get('gemma3').index as PieceIndex).slots, (passed.index as PieceIndex).slots);
  assert.equal(helper.get('gemma3').count(text), referenceEngine('gemma3').count(text));
});
