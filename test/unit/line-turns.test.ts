import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineTurns, MESSAGE_PARTS, TEXT_SLICE, TURN_MESSAGES } from '../../src/worker/protocol';
import { rng } from './random';

/** The turns a text given as `lines` goes in (each its messages' parts). */
const turnsOf = (lines: string[], eol: string) => [...lineTurns(lines.length, (line) => lines[line], eol)];
const lengthOf = (parts: string[]) => parts.reduce((sum, part) => sum + part.length, 0);

test('lineTurns: the parts are the lines and line breaks themselves, in order, within the bounds of a message and a turn', () => {
  const next = rng(3);
  for (let run = 0; run < 30; run++) {
    const eol = next() < 0.5 ? '\n' : '\r\n';
    // Mostly short lines (many parts to a message), some empty, now and then one longer than a message.
    const lines = Array.from({ length: 1 + Math.floor(next() * 60_000) }, () => {
      const kind = next();
      if (kind < 0.1) return '';
      if (kind < 0.1002) return 'L'.repeat(TEXT_SLICE + Math.floor(next() * 3 * TEXT_SLICE));
      return 'x'.repeat(1 + Math.floor(next() * (kind < 0.9 ? 40 : 400)));
    });
    const turns = turnsOf(lines, eol);
    const messages = turns.flat();
    assert.equal(messages.map((parts) => parts.join('')).join(''), lines.join(eol));
    for (const parts of messages) {
      assert.ok(parts.length > 0 && parts.length <= MESSAGE_PARTS);
      assert.ok(lengthOf(parts) <= TEXT_SLICE);
      for (const part of parts) assert.ok(part.length > 0);
    }
    // Only a line longer than a message is cut; every other part is a whole line or a line break.
    const whole = new Set([eol, ...lines.filter((line) => line.length <= TEXT_SLICE)]);
    for (const part of messages.flat()) assert.ok(whole.has(part) || /^L+$/.test(part));
    // A message ends only where the next part would not fit.
    for (let i = 0; i + 1 < messages.length; i++) {
      assert.ok(messages[i].length === MESSAGE_PARTS || lengthOf(messages[i]) + messages[i + 1][0].length > TEXT_SLICE);
    }
    // A turn ends once it holds TEXT_SLICE characters or TURN_MESSAGES messages (the last may hold
    // less), so it holds less than twice that many characters.
    for (const [i, turn] of turns.entries()) {
      const length = lengthOf(turn.flat());
      const full = length >= TEXT_SLICE || turn.length === TURN_MESSAGES;
      assert.ok(length < 2 * TEXT_SLICE && turn.length <= TURN_MESSAGES && (full || i === turns.length - 1), `turn ${i} of ${turns.length}: ${length}`);
    }
  }
});

test('lineTurns: an empty text is one empty message; a text of line breaks only is those breaks', () => {
  assert.deepEqual(turnsOf([''], '\n'), [[[]]]);
  assert.deepEqual(turnsOf(['', '', ''], '\r\n'), [[['\r\n', '\r\n']]]);
});
