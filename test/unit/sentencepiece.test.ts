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

/**
 * Checks that the ranks found pair by pair give each merge the derivation lists its piece, in the
 * derivation's order; the merges, as left · size + right.
 */
function checkRanksAgainstDerivation(vocabulary: PackedSentencePieces): { table: PieceTable; ranks: MergeRanks; merges: Set<number> } {
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
    [{ ...good, pieces: `${good.pieces}ab\uffff` }, /its piece 303 repeats piece 2/],
  ];
  for (const [value, why] of refusals) assert.throws(() => engineFromFile('gemma3', file(value)), why, JSON.stringify(value).slice(0, 80));
  assert.throws(() => engineFromFile('gemma3', new TextEncoder().encode('{"pieces"')), /it is not JSON/);
  assert.throws(() => packSentencePieces({ pieces: ['a', ''], added: [], first: [] }), /a piece is empty or holds U\+FFFF/);
});
