// The scanning worker's protocol (src/worker/scanning.ts), in-process and as the built thread the
// extension starts: its answers equal a fresh read of the same text, through any edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseCatalog } from '../../src/core/catalog/yaml';
import { checkDocument } from '../../src/core/check';
import { locateSlots, modelSlots, slotAt } from '../../src/core/locate';
import { FromScanner, ScanQuestion, Scanning, ToScanner } from '../../src/worker/scanning';
import { rng } from './random';

const ROOT = resolve(__dirname, '..', '..', '..');
const catalog = parseCatalog(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8'), 'models.yaml');
const MAX = 5 << 20;

const DOCUMENTS: [string, string][] = [
  ['yaml', `${'service:\n  name: a\n  ports: [1, 2]\n'.repeat(200)}ai_agent:\n  basic_text:\n    model: aws__claude_3_7_sonet\n  long_text:\n    embeddings:\n      model: azure__openai__text_embedding_ada_002\n`],
  ['yaml', 'ai_agent:\n  basic_text:\n    model: [unclosed\n  - : :\n'],
  ['markdown', `${'Prose.\n\n'.repeat(200)}\`\`\`json\n{"ai_agent": {"basic_text": {"model": "openai__gpt_5"}}}\n\`\`\`\n`],
  ['python', `${'x = 1\n'.repeat(200)}AiAgentBasicTextTool(model="aws__claude_3_haiku", num_tokens_for_completion=90000)\n`],
  ['json', `{"pad": "${'p'.repeat(5000)}", "ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "google__gemini_2_5_pro"}}}`],
  ['typescript', "const a = { ai_agent: { basicText: { model: 'gpt-4o' } } };\n"],
  ['http', 'POST https://api.box.com/2.0/ai/ask\n\n{"ai_agent": {"basic_text": {"model": "azure__openai__gpt_4o_mini"}}}\n'],
];

/** A Scanning in this process, with answers awaited as the host awaits the worker's. */
function inProcess(): { post(m: ToScanner): void; ask(q: ScanQuestion): FromScanner } {
  let last: FromScanner | undefined;
  const scanning = new Scanning((answer) => (last = answer));
  let id = 0;
  return {
    post: (m) => scanning.onMessage(m),
    ask: (q) => {
      scanning.onMessage({ ...q, id: ++id } as ToScanner);
      assert.equal(last?.id, id);
      return last!;
    },
  };
}

/** What a fresh read of `text` answers. */
function expected(text: string, languageId: string) {
  const slots = locateSlots(text, languageId, 'boxOverrides', MAX);
  return { slots, findings: checkDocument(slots, catalog), names: slots.filter((s) => s.key === 'model' && s.kind === 'chat').map((s) => s.value) };
}

test('scanning: findings, chat models and the slot at every model offset equal a fresh read, in every language', () => {
  const scanner = inProcess();
  DOCUMENTS.forEach(([languageId, text], i) => {
    const doc = `d${i}`;
    scanner.post({ type: 'open', doc, text, languageId, scope: 'boxOverrides', maxLength: MAX });
    const want = expected(text, languageId);
    assert.deepEqual(scanner.ask({ type: 'check', doc, models: catalog.models, origin: catalog.origin }).findings, want.findings, `${languageId} ${i}`);
    assert.deepEqual(scanner.ask({ type: 'chatModels', doc }).names, want.names);
    for (const slot of modelSlots(want.slots)) {
      for (const offset of [slot.start, slot.end]) assert.deepEqual(scanner.ask({ type: 'slotAt', doc, offset }).slot, slotAt(modelSlots(want.slots), offset), `${languageId} at ${offset}`);
    }
  });
  assert.ok(expected(DOCUMENTS[0][1], 'yaml').findings.length > 0 && expected(DOCUMENTS[3][1], 'python').findings.length > 0, 'no findings: the test proves nothing');
});

test('scanning: through random edits, the answers stay those of a fresh read of the edited text', () => {
  const next = rng(11);
  const scanner = inProcess();
  DOCUMENTS.forEach(([languageId, original], i) => {
    let text = original;
    const doc = `e${i}`;
    scanner.post({ type: 'open', doc, text, languageId, scope: 'boxOverrides', maxLength: MAX });
    for (let round = 0; round < 25; round++) {
      const offset = Math.floor(next() * (text.length + 1));
      const removed = Math.floor(next() * Math.min(8, text.length - offset + 1));
      const inserted = ['', 'x', '"', '\n', ' model: ', 'aws__claude_3_haiku', '}', '```'][Math.floor(next() * 8)];
      text = text.slice(0, offset) + inserted + text.slice(offset + removed);
      scanner.post({ type: 'edit', doc, changes: [{ offset, removed, inserted }], length: text.length });
      const want = expected(text, languageId);
      assert.deepEqual(scanner.ask({ type: 'check', doc, models: catalog.models, origin: catalog.origin }).findings, want.findings, `${languageId} round ${round}`);
      for (const slot of modelSlots(want.slots)) assert.deepEqual(scanner.ask({ type: 'slotAt', doc, offset: slot.start }).slot?.value, slot.value);
    }
  });
});

test('scanning: an unknown document is missing; one whose edit does not fit is dropped; binary and oversized ones are skipped', () => {
  const scanner = inProcess();
  assert.deepEqual(scanner.ask({ type: 'slotAt', doc: 'nope', offset: 0 }), { id: 1, missing: true });
  scanner.post({ type: 'open', doc: 'a', text: 'model: x', languageId: 'yaml', scope: 'boxOverrides', maxLength: MAX });
  scanner.post({ type: 'edit', doc: 'a', changes: [{ offset: 50, removed: 1, inserted: '' }], length: 7 });
  assert.equal(scanner.ask({ type: 'chatModels', doc: 'a' }).missing, true);
  scanner.post({ type: 'open', doc: 'b', text: '\u0000{"ai_agent": {}}', languageId: 'json', scope: 'boxOverrides', maxLength: MAX });
  assert.equal(scanner.ask({ type: 'check', doc: 'b', models: catalog.models, origin: catalog.origin }).skipped, 'binary');
  scanner.post({ type: 'open', doc: 'c', text: 'x'.repeat(100), languageId: 'json', scope: 'boxOverrides', maxLength: 10 });
  assert.equal(scanner.ask({ type: 'slotAt', doc: 'c', offset: 0 }).skipped, 'too-large');
});

test('scanning: a text sent in slices (open, then appends) answers as the whole text, asked before and after its last slice', () => {
  const scanner = inProcess();
  DOCUMENTS.forEach(([languageId, text], i) => {
    const doc = `s${i}`;
    const cuts = [0, Math.floor(text.length / 3), Math.floor((2 * text.length) / 3), text.length];
    scanner.post({ type: 'open', doc, text: text.slice(0, cuts[1]), languageId, scope: 'boxOverrides', maxLength: MAX });
    // A request between slices reads the text so far; the next slice must not leave that read behind.
    scanner.ask({ type: 'slotAt', doc, offset: cuts[1] });
    scanner.ask({ type: 'check', doc, models: catalog.models, origin: catalog.origin });
    for (let k = 1; k < 3; k++) scanner.post({ type: 'append', doc, text: text.slice(cuts[k], cuts[k + 1]) });
    const want = expected(text, languageId);
    assert.deepEqual(scanner.ask({ type: 'check', doc, models: catalog.models, origin: catalog.origin }).findings, want.findings, `${languageId} ${i}`);
    for (const slot of modelSlots(want.slots)) assert.deepEqual(scanner.ask({ type: 'slotAt', doc, offset: slot.start }).slot, slotAt(modelSlots(want.slots), slot.start), `${languageId} at ${slot.start}`);
  });
});

test('the built scanning worker (dist/scan-worker.js, in a thread) answers as the in-process one', async () => {
  const worker = new Worker(join(ROOT, 'dist', 'scan-worker.js'));
  const answers = new Map<number, (a: FromScanner) => void>();
  worker.on('message', (a: FromScanner) => answers.get(a.id)?.(a));
  let id = 0;
  const ask = (q: ScanQuestion) => new Promise<FromScanner>((done) => {
    answers.set(++id, done);
    worker.postMessage({ ...q, id });
  });
  const local = inProcess();
  try {
    for (const [i, [languageId, text]] of DOCUMENTS.entries()) {
      const open: ToScanner = { type: 'open', doc: `t${i}`, text, languageId, scope: 'boxOverrides', maxLength: MAX };
      worker.postMessage(open);
      local.post(open);
      const question: ScanQuestion = { type: 'check', doc: `t${i}`, models: catalog.models, origin: catalog.origin };
      const [threaded, here] = [await ask(question), local.ask(question)];
      assert.deepEqual({ ...threaded, id: 0 }, { ...here, id: 0 }, `${languageId} ${i}`);
    }
  } finally {
    await worker.terminate();
  }
});
