// The counting worker's helper threads (src/worker/helpers.ts), in-process: each helper is a `Helping`
// behind a message queue, so that when it answers is up to the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenDocument } from '../../src/core/tokens/document';
import { FromHelper, HelperPool, HelperThread, Helping, ToHelper } from '../../src/worker/helpers';
import { referenceEngine, shippedEngine, shippedFile } from './engines';
import { randomDoc, rng } from './random';

interface FakeHelper extends HelperThread {
  terminated: boolean;
  /** Answers delivered to the pool. */
  answered: number;
  /** The block texts it was sent. */
  sent: string[];
}

/** While set, every helper's answers are held back (`release` delivers them). */
let holding = false;
const held: (() => void)[] = [];
function release(): void {
  holding = false;
  held.splice(0).forEach((deliver) => deliver());
}

function fakeHelper(): FakeHelper {
  const listeners: ((m: FromHelper) => void)[] = [];
  const helping = new Helping((answer) => {
    const deliver = () => {
      helper.answered++;
      listeners.forEach((l) => l(answer));
    };
    if (holding) held.push(deliver);
    else setImmediate(deliver);
  });
  const helper: FakeHelper = {
    terminated: false,
    answered: 0,
    sent: [],
    post: (message: ToHelper) => {
      if (message.type === 'countBlocks') helper.sent.push(...message.blocks);
      setImmediate(() => helping.onMessage(message));
    },
    onMessage: (listener) => void listeners.push(listener),
    onGone: () => undefined,
    terminate: () => void (helper.terminated = true),
  };
  return helper;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !check(); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() > deadline) assert.fail(`never: ${what}`);
  }
}

/** Counts `document` as the counting worker does: its own share, skipping the blocks out with helpers, then waiting for theirs. */
async function countWith(pool: HelperPool, document: TokenDocument): Promise<number> {
  // As the counting worker passes its vocabulary on: the table with the index its own engine made.
  pool.share(document, 'o200k_base', () => ({ data: shippedFile('o200k_base'), index: shippedEngine('o200k_base').index }));
  while (document.countPending(() => false, (block) => pool.busyWith(document, block, 'o200k_base')) < 1) await pool.settled(document);
  return document.total().tokens;
}

test('helpers: stopped once idle after their last share came back, never while one is out; started again for the next split', async () => {
  const spawned: FakeHelper[] = [];
  const pool = new HelperPool(() => (spawned.push(fakeHelper()), spawned.at(-1)!), { threads: 2, minChars: 1 }, 20);
  const text = randomDoc(rng(5), ['The contract renews yearly. ', 'const x = {"a": [1, 2]};\n', '\n', 'Über café 中文 😀 '], 200_000);
  try {
    const first = new TokenDocument(text, shippedEngine('o200k_base'));
    assert.equal(await countWith(pool, first), referenceEngine('o200k_base').count(text));
    await until(() => spawned[0].answered > 0, "the helper's share came back");

    // A share held out for longer than the idle time: the helper that has it stays.
    holding = true;
    const counted = countWith(pool, new TokenDocument(`${text}.`, shippedEngine('o200k_base')));
    const holder = spawned.at(-1)!;
    await until(() => held.length > 0, 'a share was answered and held back');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(holder.terminated, false, 'stopped while its share was out');
    release();
    assert.equal(await counted, referenceEngine('o200k_base').count(`${text}.`));

    await until(() => spawned.every((helper) => helper.terminated), 'the idle helpers were stopped');
    const before = spawned.length;
    await countWith(pool, new TokenDocument(`${text}!`, shippedEngine('o200k_base')));
    assert.equal(spawned.length, before + 1, 'a new helper for the next split');
  } finally {
    release();
    pool.dispose();
  }
});

test('helpers: a block held as UTF-8 goes out as its text; a block an edit replaced is not sent once gone, nor takes the count made of it while out', async () => {
  const spawned: FakeHelper[] = [];
  const pool = new HelperPool(() => (spawned.push(fakeHelper()), spawned.at(-1)!), { threads: 2, minChars: 1 }, 20);
  const engine = shippedEngine('o200k_base');
  // Two markers in the helper's half: one in its first batch (out when edited), one in its last (not sent yet).
  let text = randomDoc(rng(8), ['The contract renews yearly. ', 'const x = {"a": [1, 2]};\n', '\n', 'Über café 中文 😀 '], 1_200_000);
  const markAt = (share: number, mark: string) => (text = `${text.slice(0, Math.floor(text.length * share))}${mark}${text.slice(Math.floor(text.length * share))}`);
  markAt(0.55, 'OUT-WHEN-EDITED');
  markAt(0.98, 'NOT-SENT-YET');
  const original = text;
  const document = new TokenDocument(text, engine, undefined, true);
  assert.ok(document.heldAsUtf8Blocks() > 100, `${document.heldAsUtf8Blocks()} blocks held as UTF-8`);
  try {
    holding = true;
    pool.share(document, 'o200k_base', () => ({ data: shippedFile('o200k_base'), index: engine.index }));
    await until(() => held.length > 0, 'a batch was counted and held back');
    const helper = spawned[0];
    assert.ok(helper.sent.some((block) => block.includes('OUT-WHEN-EDITED')) && !helper.sent.some((block) => block.includes('NOT-SENT-YET')));
    for (const mark of ['OUT-WHEN-EDITED', 'NOT-SENT-YET']) {
      const offset = text.indexOf(mark);
      document.applyChanges([{ offset, removed: mark.length, inserted: 'edited' }]);
      text = `${text.slice(0, offset)}edited${text.slice(offset + mark.length)}`;
    }
    release();
    while (document.countPending(() => false, (block) => pool.busyWith(document, block, 'o200k_base')) < 1) await pool.settled(document);
    assert.equal(document.total().tokens, referenceEngine('o200k_base').count(text));
    assert.ok(pool.helped(document) > 0, 'the helper counted some blocks');
    assert.ok(!helper.sent.some((block) => block.includes('NOT-SENT-YET')), 'a block gone before its batch went was sent');
    assert.ok(helper.sent.every((block) => original.includes(block)), 'texts, not UTF-8 bytes, go out');
    assert.equal(document.getText(), text);
  } finally {
    release();
    pool.dispose();
  }
});
