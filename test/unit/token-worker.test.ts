import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EncodingName } from '../../src/core/tokens/encodings';
import { PROGRESS_AT_ONCE_CHARS } from '../../src/worker/counting';
import { Engines } from '../../src/worker/engines';
import { isShared } from '../../src/core/shared-memory';
import { lineTurns, type FromWorker, type ToWorker } from '../../src/worker/protocol';
import { referenceEngine, shippedFile } from './engines';
import { randomDoc, rng } from './random';

const ROOT = resolve(__dirname, '..', '..', '..');

const ranks = (encoding: EncodingName): ToWorker => ({ type: 'ranks', encoding, data: shippedFile(encoding) });

/**
 * The bundled worker, as the extension starts it, sent the shipped rank tables (as the host sends
 * them before a first count) unless `withRanks` is false; every message it sends is recorded.
 */
function startWorker(withRanks = true): { post: (m: ToWorker) => void; received: FromWorker[]; next: (type: FromWorker['type']) => Promise<FromWorker>; stop: () => Promise<number> } {
  const worker = new Worker(join(ROOT, 'dist', 'token-worker.js'));
  if (withRanks) for (const encoding of ['o200k_base', 'cl100k_base'] as const) worker.postMessage(ranks(encoding));
  const received: FromWorker[] = [];
  const listeners: (() => void)[] = [];
  worker.on('message', (m: FromWorker) => {
    received.push(m);
    listeners.splice(0).forEach((l) => l());
  });
  const next = (type: FromWorker['type']) =>
    new Promise<FromWorker>((resolveNext, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within 60 s`)), 60_000);
      const look = () => {
        const found = received.find((m) => m.type === type);
        if (found) {
          clearTimeout(timer);
          received.splice(received.indexOf(found), 1);
          resolveNext(found);
        } else listeners.push(look);
      };
      look();
    });
  return { post: (m) => worker.postMessage(m), received, next, stop: () => worker.terminate() };
}

const corpus = (length: number) => randomDoc(rng(7), ['The contract renews yearly. ', 'const x = {"a": [1, 2]};\n', '\n', '  if (a) { b(); }\n', 'Über café 中文 😀 ', '<|endoftext|>'], length);

test('worker: a big text sent as its lines, then counted, reports progress from before its first slice, rising, then the exact total', async () => {
  const text = corpus(4 << 20);
  const worker = startWorker();
  try {
    // As the host sends a document: an `open` with its first lines, then the rest, each message the lines and line breaks themselves.
    const lines = text.split('\n');
    for (const [i, parts] of [...lineTurns(lines.length, (line) => lines[line], '\n')].flat().entries()) {
      worker.post(i === 0 ? { type: 'open', doc: 'a', text: parts, encoding: 'o200k_base' } : { type: 'append', doc: 'a', text: parts });
    }
    worker.post({ type: 'count', id: 1, doc: 'a', encoding: 'o200k_base', spans: [] });
    const result = await worker.next('result');
    const progress = worker.received.filter((m) => m.type === 'progress').map((m) => (m as { share: number }).share);
    // A text this large (PROGRESS_AT_ONCE_CHARS) says so before counting anything, however fast the machine.
    assert.ok(text.length >= PROGRESS_AT_ONCE_CHARS);
    assert.equal(progress[0], 0, `progress: ${progress.join(', ')}`);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
    assert.ok(progress.every((share) => share < 1));
    assert.equal(result.type === 'result' && result.count.tokens, referenceEngine('o200k_base').count(text));
  } finally {
    await worker.stop();
  }
});

test('worker: a text cut for one encoding as it arrives counts exactly in it and in others, after an edit made before its first count', async () => {
  const next = rng(12);
  const worker = startWorker();
  try {
    worker.post(ranks('claude'));
    worker.post(ranks('gemma3'));
    // Claude's rule cuts before a newline, the others after it; a BOM and a lone surrogate too.
    let text = `\ufeff${corpus(300_000)}\ud800 tail\n`;
    let at = 0;
    for (let first = true; at < text.length; first = false) {
      const end = Math.min(text.length, at + 1 + Math.floor(next() * 40_000));
      worker.post(first ? { type: 'open', doc: 'a', text: text.slice(at, end), encoding: 'claude' } : { type: 'append', doc: 'a', text: text.slice(at, end) });
      at = end;
    }
    const offset = Math.floor(text.length / 2);
    text = `${text.slice(0, offset)}\n  edited 中文\n${text.slice(offset + 5)}`;
    worker.post({ type: 'edit', doc: 'a', changes: [{ offset, removed: 5, inserted: '\n  edited 中文\n' }], length: text.length });
    for (const [id, encoding] of (['claude', 'cl100k_base', 'gemma3'] as const).entries()) {
      worker.post({ type: 'count', id, doc: 'a', encoding, spans: [] });
      const answer = await worker.next('result');
      assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine(encoding).count(text), encoding);
    }
  } finally {
    await worker.stop();
  }
});

test('worker: a newer request supersedes an older one; edits apply; spans and crossings answer', async () => {
  const text = corpus(1 << 20);
  const worker = startWorker();
  try {
    worker.post({ type: 'open', doc: 'a', text });
    worker.post({ type: 'count', id: 1, doc: 'a', encoding: 'o200k_base', spans: [] });
    worker.post({ type: 'count', id: 2, doc: 'a', encoding: 'o200k_base', spans: [] });
    const first = await worker.next('result');
    assert.equal(first.type === 'result' && first.id, 2, 'the superseded request is never answered');

    const edited = `${text.slice(0, 1000)}inserted words\n${text.slice(1010)}`;
    worker.post({ type: 'edit', doc: 'a', changes: [{ offset: 1000, removed: 10, inserted: 'inserted words\n' }], length: edited.length });
    worker.post({ type: 'count', id: 3, doc: 'a', encoding: 'o200k_base', spans: [[5, 5000]], limit: 100 });
    const answer = await worker.next('result');
    const reference = referenceEngine('o200k_base');
    assert.ok(answer.type === 'result');
    assert.equal(answer.count.tokens, reference.count(edited.slice(5, 5000)));
    assert.equal(answer.documentTokens, reference.count(edited));
    assert.ok(answer.crossing && answer.crossing.offset > 5 && answer.crossing.offset < 5000);
    assert.ok(reference.count(edited.slice(5, answer.crossing.offset)) <= 100);
    assert.ok(worker.received.every((m) => m.type !== 'result' || m.id !== 1));
  } finally {
    await worker.stop();
  }
});

test('worker: an edit it cannot apply asks for the text again instead of counting wrong', async () => {
  const worker = startWorker();
  try {
    worker.post({ type: 'open', doc: 'a', text: 'short text' });
    worker.post({ type: 'count', id: 1, doc: 'a', encoding: 'cl100k_base', spans: [] });
    await worker.next('result');
    worker.post({ type: 'edit', doc: 'a', changes: [{ offset: 50, removed: 3, inserted: 'x' }], length: 8 });
    assert.deepEqual(await worker.next('resync'), { type: 'resync', doc: 'a' });
    worker.post({ type: 'edit', doc: 'a', changes: [{ offset: 0, removed: 0, inserted: 'x' }], length: 11 }); // unknown: ignored
    worker.post({ type: 'open', doc: 'a', text: 'fresh' });
    worker.post({ type: 'count', id: 2, doc: 'a', encoding: 'cl100k_base', spans: [] });
    const answer = await worker.next('result');
    assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine('cl100k_base').count('fresh'));
  } finally {
    await worker.stop();
  }
});

test('worker: a count in an encoding whose rank table never came answers an error, and the worker goes on', async () => {
  const worker = startWorker(false);
  try {
    worker.post({ type: 'open', doc: 'a', text: 'some text' });
    worker.post({ type: 'count', id: 1, doc: 'a', encoding: 'o200k_base', spans: [] });
    const error = await worker.next('error');
    assert.ok(error.type === 'error' && error.id === 1 && /no vocabulary for o200k_base/.test(error.message));
    worker.post(ranks('o200k_base'));
    worker.post({ type: 'count', id: 2, doc: 'a', encoding: 'o200k_base', spans: [] });
    const answer = await worker.next('result');
    assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine('o200k_base').count('some text'));
  } finally {
    await worker.stop();
  }
});

test('worker: a rank table that is not one is an error naming its encoding; other encodings keep counting', async () => {
  const worker = startWorker();
  try {
    worker.post({ type: 'open', doc: 'a', text: 'some text' });
    // (The JSON the tables were once shipped as.)
    worker.post({ type: 'ranks', encoding: 'tekken', data: new TextEncoder().encode('["!", "\\"", "#", "$", "%", "&", "\'", "("') });
    worker.post({ type: 'count', id: 1, doc: 'a', encoding: 'tekken', spans: [] });
    const error = await worker.next('error');
    assert.ok(error.type === 'error' && error.id === 1 && error.encoding === 'tekken' && /the tekken vocabulary cannot be used: it is not a rank table/.test(error.message), JSON.stringify(error));
    // Gemma 3's vocabulary is a file of its own kind: the JSON it was once shipped as is refused as well.
    worker.post({ type: 'ranks', encoding: 'gemma3', data: new TextEncoder().encode(JSON.stringify({ pieces: 'a\uffffb\uffff', added: [], first: [] })) });
    worker.post({ type: 'count', id: 3, doc: 'a', encoding: 'gemma3', spans: [] });
    const refused = await worker.next('error');
    assert.ok(refused.type === 'error' && refused.id === 3 && refused.encoding === 'gemma3' && /the gemma3 vocabulary cannot be used: it is not a SentencePiece vocabulary/.test(refused.message), JSON.stringify(refused));
    worker.post({ type: 'count', id: 2, doc: 'a', encoding: 'o200k_base', spans: [] });
    const answer = await worker.next('result');
    assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine('o200k_base').count('some text'));
  } finally {
    await worker.stop();
  }
});

test('worker: a cold count split across helper threads equals the reference, in every kind of encoding, through edits', async () => {
  const worker = startWorker();
  const next = rng(21);
  try {
    // Three threads, from the first block on: every count is split, the ones after edits too.
    worker.post({ type: 'parallelism', threads: 3, minChars: 1 });
    for (const encoding of ['llama3', 'claude', 'gemma3'] as const) worker.post(ranks(encoding));
    let id = 0;
    let helped = 0;
    for (const [round, encoding] of (['o200k_base', 'llama3', 'claude', 'gemma3'] as const).entries()) {
      let text = randomDoc(next, ['The contract renews yearly. ', 'const x = {"a": [1, 2]};\n', '\n', '  if (a) { b(); }\n', 'Über café 中文 😀 ', '<|endoftext|>', '\t\t', '▁x'], 1_200_000);
      const doc = `p${round}`;
      worker.post({ type: 'open', doc, text });
      for (let edit = 0; edit < 2; edit++) {
        worker.post({ type: 'count', id: ++id, doc, encoding, spans: [] });
        const answer = await worker.next('result');
        assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine(encoding).count(text), `${encoding}, edit ${edit}`);
        if (answer.type === 'result') helped = Math.max(helped, answer.helpedBlocks);
        // Edits in several places leave several blocks to count again, shared out anew.
        for (let k = 0; k < 3; k++) {
          const offset = Math.floor(next() * text.length);
          const inserted = ['word ', '\n', '中', ''][k];
          const edited = text.slice(0, offset) + inserted + text.slice(offset + 2);
          worker.post({ type: 'edit', doc, changes: [{ offset, removed: 2, inserted }], length: edited.length });
          text = edited;
        }
      }
      assert.ok(helped > 0, `${encoding}: no block was counted by a helper thread`);
    }
  } finally {
    await worker.stop();
  }
});

test('worker: a rank table sent with the index another thread made of it (as the host sends one it has loaded) counts exactly', async () => {
  const host = new Engines(true);
  host.add('tekken', shippedFile('tekken'));
  await host.load('tekken', async () => undefined);
  const { data, index } = host.vocabulary('tekken')!;
  assert.ok(data.buffer instanceof SharedArrayBuffer && index && index.slots.buffer instanceof SharedArrayBuffer, 'the table and its index in shared memory');
  const worker = startWorker(false);
  try {
    worker.post({ type: 'ranks', encoding: 'tekken', data, index });
    const text = corpus(300_000);
    worker.post({ type: 'open', doc: 't', text, encoding: 'tekken' });
    worker.post({ type: 'count', id: 1, doc: 't', encoding: 'tekken', spans: [] });
    const answer = await worker.next('result');
    assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine('tekken').count(text));
  } finally {
    await worker.stop();
  }
});

test('worker: a byte-pair table it read and indexed itself goes back in shared memory, for the host to count with; not one sent with an index, nor Gemma 3', async () => {
  const worker = startWorker(false);
  try {
    const text = corpus(20_000);
    const countIn = async (encoding: EncodingName, id: number) => {
      worker.post({ type: 'open', doc: encoding, text, encoding });
      worker.post({ type: 'count', id, doc: encoding, encoding, spans: [] });
      const answer = await worker.next('result');
      assert.equal(answer.type === 'result' && answer.count.tokens, referenceEngine(encoding).count(text));
    };
    worker.post(ranks('tekken'));
    await countIn('tekken', 1);
    const offered = await worker.next('vocabulary');
    assert.ok(offered.type === 'vocabulary' && offered.encoding === 'tekken');
    const { data, index } = offered;
    assert.ok(isShared(data.buffer) && 'slots' in index && isShared(index.slots.buffer) && isShared(index.starts.buffer), 'the table and its index in shared memory');
    // The host's counting, given them, indexes nothing and counts as the reference does.
    const host = new Engines(true);
    host.add('tekken', data, index);
    assert.equal(await host.load('tekken', async () => undefined), false);
    assert.equal(host.get('tekken').count(text), referenceEngine('tekken').count(text));

    const given = new Engines(true);
    given.add('llama3', shippedFile('llama3'));
    assert.equal(await given.load('llama3', async () => undefined), true);
    worker.post({ type: 'ranks', encoding: 'llama3', ...given.vocabulary('llama3')! });
    await countIn('llama3', 2);
    worker.post(ranks('gemma3'));
    await countIn('gemma3', 3);
    assert.deepEqual(
      worker.received.filter((m) => m.type === 'vocabulary'),
      [],
    );
  } finally {
    await worker.stop();
  }
});
