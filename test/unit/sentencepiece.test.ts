import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFromFile } from '../../src/core/tokens/engine';
import { checkPackedSentencePieces, forEachMerge, MergeRanks, PackedSentencePieces, packSentencePieces, PieceTable } from '../../src/core/tokens/sentencepiece';
import { shippedFile } from './engines';
import { rng } from './random';

const shipped = (): PackedSentencePieces => {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(shippedFile('gemma3')));
  checkPackedSentencePieces(parsed);
  return parsed;
};

test('gemma3: ranks found when a pair is met order the merges as the derivation checked against the published list does, and no other pair merges', () => {
  const vocabulary = shipped();
  const table = new PieceTable(vocabulary.pieces);
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
  assert.equal(merges.size, 514_906);
  // Pairs that are no merge: random ones, and the ones next to each merge's.
  const next = rng(7);
  for (let i = 0; i < 200_000; i++) {
    const left = Math.floor(next() * table.size);
    const right = i % 2 === 0 ? Math.floor(next() * table.size) : (left * 7 + i) % table.size;
    if (!merges.has(left * table.size + right)) assert.equal(ranks.mergedAt(ranks.find(left, right)), -1, `${table.piece(left)} + ${table.piece(right)}`);
  }
});

test('gemma3: a vocabulary file that is not a packed one is refused, saying why', () => {
  const pieces = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x100 + i));
  const good = packSentencePieces({ pieces: ['a', 'b', 'ab', ...pieces], added: [], first: [[2]] });
  const file = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  assert.equal(engineFromFile('gemma3', file(good)).count('ab'), 1);
  const refusals: [unknown, RegExp][] = [
    [{ ...good, pieces: ['a', 'b'] }, /it has no pieces \(one text, each piece ended by U\+FFFF\)/],
    [{ ...good, pieces: good.pieces.slice(0, -1) }, /it has no pieces/],
    [{ ...good, pieces: `${good.pieces}\uffff` }, /its piece 303 is empty/],
    [{ ...good, added: [1] }, /it has no list of added tokens/],
    [{ ...good, first: [[2.5]] }, /its merge groups are not lists of piece ids/],
    [{ ...good, first: [[303]] }, /its merge groups name piece 303, and it has 303/],
  ];
  for (const [value, why] of refusals) assert.throws(() => engineFromFile('gemma3', file(value)), why, JSON.stringify(value).slice(0, 80));
  assert.throws(() => engineFromFile('gemma3', new TextEncoder().encode('{"pieces"')), /it is not JSON/);
  assert.throws(() => packSentencePieces({ pieces: ['a', ''], added: [], first: [] }), /a piece is empty or holds U\+FFFF/);
});
