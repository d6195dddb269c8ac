import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalLocator } from '../../src/core/locate/incremental';
import { jsonScanner } from '../../src/core/locate/json';
import { scanAll, ScannerFactory } from '../../src/core/locate/scanner';
import { scriptScanner } from '../../src/core/locate/script';
import { modelSlots, Slot, slotAt } from '../../src/core/locate/slot';
import { randomDoc, rng } from './random';

const JSON_PIECES = ['{', '}', '[', ']', ',', ':', '"model"', '"basic_text"', '"long_text"', '"embeddings"', '"ai_agent"', '"x"', '"aws__a"', '"', ' ', '\n', '// c\n', '/* c */', '1', 'true', '"model": "', '{"basic_text": {"model": "v"}}'];
const SETTING_PIECES = ['"num_tokens_for_completion": 5', 'numTokensForCompletion: 9', '"prompt_template": "', 'type: ', '12'];
const PYTHON_PIECES = [...JSON_PIECES, ...SETTING_PIECES, 'model=', 'model', '=', '==', '(', ')', 'AiAgentBasicTextTool(', 'basic_text=', 'dict(', '#', '# c\n', "'''", '"""', 'r"', "f'", '\\', 'x', '\n', "AiAgentAsk(basic_text=AiAgentBasicTextTool(model='q'))"];
const SCRIPT_PIECES = [...SETTING_PIECES, ...JSON_PIECES, 'model', 'basicText', 'aiAgent', 'satisfies', 'AiAgentAsk', 'as', 'const', '=', "'", '`', '${', '(', ')', '/', 're/g', 'new', ';', 'x', "{ model: 'q' }", '} satisfies AiAgentBasicTextTool'];

function same(a: Slot | undefined, b: Slot | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function check(name: string, factory: ScannerFactory<unknown>, pieces: string[], seed: number): void {
  test(`incremental slotAt equals a full scan after random edits (${name})`, () => {
    const next = rng(seed);
    let checks = 0;
    for (let round = 0; round < 60; round++) {
      let text = randomDoc(next, pieces, 50 + Math.floor(next() * 400));
      const locator = new IncrementalLocator(factory, 1 + Math.floor(next() * 40));
      for (let edit = 0; edit < 25; edit++) {
        for (let q = 0; q < 6; q++) {
          const offset = Math.floor(next() * (text.length + 1));
          const expected = slotAt(modelSlots(scanAll(factory, text)), offset);
          const actual = locator.slotAt(text, offset);
          assert.ok(same(actual, expected), `seed ${seed} round ${round}: at ${offset} in ${JSON.stringify(text)}\n got ${JSON.stringify(actual)}\nwant ${JSON.stringify(expected)}`);
          checks++;
        }
        // A random edit: delete a span and insert a piece.
        // Half the edits land right at or beside a snapshot, where a wrong invalidation would show.
        const held = locator.snapshotOffsets();
        const near = held.length && next() < 0.5 ? held[Math.floor(next() * held.length)] + Math.floor(next() * 3) - 1 : -1;
        const at = near >= 0 && near <= text.length ? near : Math.floor(next() * (text.length + 1));
        const removed = Math.floor(next() * 6);
        text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + removed);
        locator.invalidateFrom(at);
      }
    }
    assert.ok(checks > 5000);
  });
}

check('JSON', jsonScanner('boxOverrides') as ScannerFactory<unknown>, JSON_PIECES, 7);
check('TS/JS', scriptScanner('boxOverrides') as ScannerFactory<unknown>, SCRIPT_PIECES, 11);
check('Python', scriptScanner('boxOverrides', 'python') as ScannerFactory<unknown>, PYTHON_PIECES, 17);
check('TS/JS any model key', scriptScanner('anyModelKey') as ScannerFactory<unknown>, SCRIPT_PIECES, 13);

test('an edit near the end re-reads only the text after the last snapshot before it', () => {
  const unit = '{"ai_agent": {"basic_text": {"model": "aws__claude_3_haiku"}}},\n';
  const text = `[${unit.repeat(5000)}{}]`;
  let read = 0;
  const base = jsonScanner('boxOverrides');
  const counting: ScannerFactory<unknown> = {
    create: (t, from, onSlot) => {
      const scanner = base.create(t, from as never, onSlot);
      return {
        get position() { return scanner.position; },
        get found() { return scanner.found; },
        step: () => (read++, scanner.step()),
        verdict: (s) => scanner.verdict(s),
        save: () => scanner.save(),
      };
    },
  };
  const locator = new IncrementalLocator(counting, 4096);
  const offset = text.length - unit.length;
  locator.slotAt(text, offset);
  const cold = read;
  read = 0;
  locator.invalidateFrom(offset - 10);
  assert.ok(locator.slotAt(text, offset + 40));
  assert.ok(read < cold / 20, `warm read ${read} tokens, cold ${cold}`);
});
