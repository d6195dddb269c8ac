import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BlockCutter, blocksOfParts, isBlockStart, splitBlocks } from '../../src/core/tokens/blocks';
import { countBounded, findCrossing } from '../../src/core/tokens/count';
import { TokenDocument } from '../../src/core/tokens/document';
import { ENCODINGS, MAX_EXACT_PIECE, pieceRegex } from '../../src/core/tokens/encodings';
import { byteString, compactCopy, fromUtf8Held, offsetAfterUtf8, ownCopy, utf8Held, utf8Length } from '../../src/core/tokens/strings';
import { referenceEngine, shippedEngine } from './engines';
import { randomDoc, rng } from './random';

/**
 * Fragments chosen to hit every pre-tokenizer rule near a line start: CRLF and lone CR, blank and
 * white-space-only lines, tabs, the characters JavaScript and Rust disagree on (U+FEFF, U+0085),
 * `//` after punctuation, contractions (with the long s Rust folds to s), digits, emoji, CJK, special
 * token strings and a lone surrogate. And what Gemma 3 treats apart: `▁` typed as such, `>` before a
 * space, its added tokens whole and in parts (HTML tags, `<unusedN>`, `<bos>`), and runs of newlines
 * and tabs that pass its 31-character added tokens.
 */
const FRAGMENTS = [
  'a', 'Word', 'ÉTÉ', 'ß', 'ſ', 'x1', ' ', '  ', '\t', '\n', '\n', '\n\n', '\r\n', '\r', ' \r\n', '\n \n', '\n\t', '\n  ',
  '/', '//', '// c', ';', '.', ',', '{', '}', '"', "'s", "'T", "'ll", '1', '123', '4567', '\ufeff', '\u0085', '\u00a0', '\u2028',
  '😀', '中文', '<|endoftext|>', '<|im_start|>', '\ud800', '-->', '  x', 'hello world', '\n/', ';\n', ';\n/', '.\n\n//',
  '▁', '▁▁', ' >', '> ', '<b>', '</b>', '<unused1', '2>', '<bos>', '[multimodal]', '\n'.repeat(20), '\t'.repeat(20),
];

const docs = (seed: number, count: number, maxLength: number): string[] => {
  const next = rng(seed);
  return Array.from({ length: count }, () => randomDoc(next, FRAGMENTS, Math.floor(next() * maxLength)));
};

/** `text` in consecutive parts of random lengths below `longest` (empty ones too). */
const randomParts = (next: () => number, text: string, longest: number): string[] => {
  const parts: string[] = [];
  for (let at = 0; at < text.length; ) {
    const end = Math.min(text.length, at + Math.floor(next() * longest));
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
};

/** Where each block starts in the text they make up. */
const startsOf = (blocks: readonly string[]): number[] => {
  let at = 0;
  return blocks.map((block) => ((at += block.length), at - block.length));
};

const ROOT = resolve(__dirname, '..', '..', '..');
/** Real text: many languages, prose, markdown, YAML, TypeScript declarations (with CRLF and a BOM too). */
const REAL_TEXTS = (() => {
  const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');
  const declarations = read('node_modules', 'typescript', 'lib', 'lib.dom.d.ts').slice(0, 300_000);
  return [read('test', 'fixtures', 'workspace', 'tokens', 'multilingual.md'), read('README.md'), read('data', 'models.yaml'), declarations, `\ufeff${declarations.replace(/\n/g, '\r\n')}`];
})();

for (const encoding of ENCODINGS) {
  const reference = referenceEngine(encoding);
  const shipped = shippedEngine(encoding);

  test(`${encoding}: real files count exactly as the reference, whole and in blocks`, () => {
    for (const text of REAL_TEXTS) assert.deepEqual(new TokenDocument(text, shipped).total(), { tokens: reference.count(text), approximate: false }, text.slice(0, 60));
  });

  test(`${encoding}: the shipped engine counts exactly as the reference`, () => {
    for (const text of docs(1, 1500, 200)) assert.equal(shipped.count(text), reference.count(text), JSON.stringify(text));
  });

  test(`${encoding}: block counts add up to the reference's count of the whole (split rule)`, () => {
    let blocks = 0;
    for (const text of docs(2, 3000, 300)) {
      const starts = splitBlocks(text, 0, text.length, 1, encoding);
      blocks += starts.length;
      // Stronger than equal counts (a vocabulary may happen to merge the same either way): every cut is
      // a piece boundary of the whole text.
      const boundaries = new Set([...text.matchAll(pieceRegex(encoding))].map((m) => m.index));
      for (const start of starts) assert.ok(start === 0 || boundaries.has(start), `${JSON.stringify(text)}: ${start} cuts a piece`);
      const sum = starts.reduce((total, start, i) => total + reference.count(text.slice(start, starts[i + 1] ?? text.length)), 0);
      assert.equal(sum, reference.count(text), `${JSON.stringify(text)} cut at ${starts.join(',')}`);
    }
    assert.ok(blocks > 20_000, `only ${blocks} blocks: the documents do not exercise the rule`);
  });

  test(`${encoding}: a text in parts: one part is cut as the whole, and any parts only between pieces, with the same count`, () => {
    const next = rng(6);
    let joinedBlocks = 0;
    for (const text of docs(8, 600, 1500)) {
      const target = 1 + Math.floor(next() * 64);
      // One part: exactly the whole's blocks.
      const whole = splitBlocks(text, 0, text.length, target, encoding);
      assert.deepEqual(startsOf(blocksOfParts([text], target, encoding)), whole, JSON.stringify(text));
      // Random parts (empty ones too): the same text, every block start a piece boundary of the whole.
      const parts = randomParts(next, text, 40);
      const blocks = blocksOfParts(parts, target, encoding);
      assert.equal(blocks.join(''), text);
      const boundaries = new Set([...text.matchAll(pieceRegex(encoding))].map((m) => m.index));
      for (const start of startsOf(blocks)) assert.ok(start === 0 || boundaries.has(start), `${JSON.stringify(parts)}: ${start} cuts a piece`);
      joinedBlocks += blocks.filter((block) => !parts.some((part) => part.includes(block))).length;
      assert.deepEqual(new TokenDocument(parts, shipped, target).total(), { tokens: reference.count(text), approximate: false }, JSON.stringify(parts));
    }
    assert.ok(joinedBlocks > 100, `only ${joinedBlocks} blocks across parts: the parts do not exercise the joins`);
  });

  test(`${encoding}: incremental totals stay equal to a full encode through random edits, blocks held as UTF-8 or not`, () => {
    const next = rng(3);
    let held = 0;
    for (let round = 0; round < 40; round++) {
      let text = randomDoc(next, FRAGMENTS, 200 + Math.floor(next() * 600));
      const doc = new TokenDocument(text, shipped, 1 + Math.floor(next() * 64), round % 2 === 1);
      for (let edit = 0; edit < 30; edit++) {
        const offset = Math.floor(next() * (text.length + 1));
        const removed = Math.floor(next() * Math.min(20, text.length - offset + 1));
        const inserted = next() < 0.3 ? '' : randomDoc(next, FRAGMENTS, Math.floor(next() * 12));
        text = text.slice(0, offset) + inserted + text.slice(offset + removed);
        doc.applyChanges([{ offset, removed, inserted }]);
        if (next() < 0.5) doc.countPending(() => next() < 0.3); // sometimes leave blocks uncounted
        assert.equal(doc.getText(), text);
        assert.deepEqual(doc.total(), { tokens: reference.count(text), approximate: false }, JSON.stringify(text));
        held += doc.heldAsUtf8Blocks();
      }
    }
    assert.ok(held > 500, `only ${held} blocks held as UTF-8: the edits do not exercise them`);
  });

  test(`${encoding}: a span counts as its text on its own, blocks held as UTF-8 or not`, () => {
    const next = rng(4);
    for (const [i, text] of docs(5, 200, 2000).entries()) {
      const doc = new TokenDocument(text, shipped, 32, i % 2 === 1);
      for (let i = 0; i < 5; i++) {
        const a = Math.floor(next() * (text.length + 1));
        const b = Math.floor(next() * (text.length + 1));
        const expected = reference.count(text.slice(Math.min(a, b), Math.max(a, b)));
        assert.equal(doc.spansTotal([[a, b]]).tokens, expected, `${JSON.stringify(text)} [${a}, ${b})`);
      }
    }
  });
}

test('block starts: blank lines, \\r in the indentation and a leading / are never cut points', () => {
  const text = 'a\n\nb\n \r\nc\n/x\n  /y\n\t z\n';
  const allowed = [...text].map((_, i) => i).filter((i) => isBlockStart(text, i));
  assert.deepEqual(allowed.map((i) => text.slice(i, i + 2)), ['a\n', 'b\n', 'c\n', '  ', '\t ']);
});

test('byteString is the UTF-8 bytes TextEncoder gives, one character each, and ownCopy and compactCopy the same text', () => {
  const next = rng(7);
  const utf8 = new TextEncoder();
  const samples = ['', 'plain ASCII', 'é', '中文', '😀', '\ud800', 'a\udc00b', '\ud83d', '\u0085\u00a0\ufeff', ...docs(3, 300, 50)];
  for (let i = 0; i < 300; i++) samples.push(Array.from({ length: Math.floor(next() * 12) }, () => String.fromCharCode(Math.floor(next() * 0x10000))).join(''));
  for (const text of samples) {
    assert.equal(byteString(text), String.fromCharCode(...utf8.encode(text)), JSON.stringify(text));
    assert.equal(ownCopy(text), text);
    assert.equal(compactCopy(text), text);
  }
});

test('a text held as UTF-8 reads back the same, one byte a character; only where that is smaller than two bytes a character', () => {
  const next = rng(22);
  const alphabet = ['a', ' ', '\n', 'é', '中', '😀', '’', '—', '\u0100', '\u00ff', '\ud800', '\udc00'];
  let heldTexts = 0;
  for (let round = 0; round < 2000; round++) {
    const text = Array.from({ length: Math.floor(next() * 60) }, () => (next() < 0.7 ? 'a' : alphabet[Math.floor(next() * alphabet.length)])).join('');
    const bytes = utf8Length(text);
    const held = utf8Held(text, bytes);
    const twoByte = /[^\u0000-\u00ff]/.test(text);
    const wellFormed = !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
    if (!twoByte || !wellFormed || bytes >= 2 * text.length) {
      assert.equal(held, undefined, JSON.stringify(text));
      continue;
    }
    heldTexts++;
    assert.ok(held !== undefined && held.length === bytes && /^[\u0000-\u00ff]*$/.test(held), JSON.stringify(text));
    assert.equal(fromUtf8Held(held), text);
  }
  assert.ok(heldTexts > 300, `only ${heldTexts} texts held`);
  // Longer than one call of String.fromCharCode takes.
  const long = `${'x'.repeat(20_000)}😀${'y'.repeat(5_000)}`;
  assert.equal(fromUtf8Held(utf8Held(long, utf8Length(long))!), long);
});

test('blocks kept as compact copies as the parts arrive are the same blocks, in every encoding', () => {
  const next = rng(10);
  for (const encoding of [undefined, ...ENCODINGS]) {
    for (const text of docs(11, 60, 3000)) {
      const target = 1 + Math.floor(next() * 64);
      const parts = randomParts(next, text, 200);
      const kept: string[] = [];
      const cutter = new BlockCutter(target, encoding, (block) => (kept.push(block), compactCopy(block)));
      parts.forEach((part) => cutter.add(part));
      const blocks = cutter.finish();
      assert.deepEqual(blocks, blocksOfParts(parts, target, encoding), `${encoding}: ${JSON.stringify(parts)}`);
      // Every block went through `keep`, as did what each part left open.
      for (const block of blocks) assert.ok(block === '' || kept.includes(block), JSON.stringify(block));
      // A document of that encoding and target takes the cutter's blocks as they are.
      if (encoding) {
        const doc = new TokenDocument(cutter, shippedEngine(encoding), target);
        assert.equal(doc.blockTexts(), blocks, 'taken as they are, not cut again');
        assert.deepEqual(doc.total(), { tokens: referenceEngine(encoding).count(text), approximate: false }, `${encoding}: ${JSON.stringify(parts)}`);
      }
    }
  }
});

test('blocks held as UTF-8 as the parts arrive: the same blocks, read back whole, counted and edited as the text', () => {
  const next = rng(23);
  let held = 0;
  for (const encoding of ENCODINGS) {
    for (const text of docs(24, 40, 3000)) {
      const target = 1 + Math.floor(next() * 64);
      const parts = randomParts(next, text, 200);
      const cutter = new BlockCutter(target, encoding, compactCopy, utf8Held);
      parts.forEach((part) => cutter.add(part));
      assert.deepEqual(cutter.finish(), blocksOfParts(parts, target, encoding), `${encoding}: ${JSON.stringify(parts)}`);
      const { blocks, heldAsUtf8 } = cutter.finishHeld();
      blocks.forEach((block, i) => heldAsUtf8[i] && assert.ok(/^[\u0000-\u00ff]*$/.test(block), 'held at one byte a character'));
      const doc = new TokenDocument(cutter, shippedEngine(encoding), target, true);
      held += doc.heldAsUtf8Blocks();
      assert.equal(doc.getText(), text);
      assert.equal(doc.length, text.length);
      const reference = referenceEngine(encoding);
      assert.deepEqual(doc.total(), { tokens: reference.count(text), approximate: false }, `${encoding}: ${JSON.stringify(parts)}`);
      const offset = Math.floor(next() * (text.length + 1));
      const edited = `${text.slice(0, offset)}’😀${text.slice(offset)}`;
      doc.applyChanges([{ offset, removed: 0, inserted: '’😀' }]);
      assert.equal(doc.getText(), edited);
      assert.deepEqual(doc.total(), { tokens: reference.count(edited), approximate: false }, `${encoding}: ${JSON.stringify(edited)}`);
    }
  }
  assert.ok(held > 300, `only ${held} blocks held`);
});

test('block sizes: blocks reach the target before the next cut', () => {
  const text = 'line\n'.repeat(2000);
  const starts = splitBlocks(text, 0, text.length, 1000);
  assert.ok(starts.length > 5 && starts.length <= 10, `${starts.length} blocks`);
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i] - starts[i - 1] >= 1000);
});

test('special-token strings are plain text and never throw', () => {
  const engine = shippedEngine('o200k_base');
  const text = 'before <|endoftext|> <|im_start|>user<|im_sep|>hi<|im_end|> <|fim_prefix|>';
  assert.equal(engine.count(text), referenceEngine('o200k_base').count(text));
  assert.ok(engine.count('<|endoftext|>') > 1, 'read as one special token');
});

test('a piece longer than the cap is estimated, marked approximate, and close to exact', () => {
  const engine = shippedEngine('o200k_base');
  const run = 'abcdefghij'.repeat(300);
  const text = `intro text\n${run} outro`;
  const bounded = countBounded(engine, text);
  assert.equal(bounded.approximate, true);
  const exact = referenceEngine('o200k_base').count(text);
  assert.ok(Math.abs(bounded.tokens - exact) / exact < 0.1, `${bounded.tokens} vs ${exact}`);
  // Under the cap, or long text made of short pieces (minified code): exact and not marked.
  const minified = '{"a":[1,2,3],"b":"c"},'.repeat(500);
  assert.deepEqual(countBounded(engine, minified), { tokens: referenceEngine('o200k_base').count(minified), approximate: false });
  const atCap = 'x'.repeat(MAX_EXACT_PIECE - 1);
  assert.equal(countBounded(engine, atCap).approximate, false);
});

test('claude: the cap applies to the normalised text, where a piece can be longer than in the raw one', () => {
  const engine = shippedEngine('claude');
  // U+FB03 (the ffi ligature) is three letters once NFKC-normalised: 400 of them are one 1,200-letter piece.
  const text = `one ${'\ufb03'.repeat(400)} two`;
  assert.equal(engine.countShortPieces?.(text), undefined);
  const bounded = countBounded(engine, text);
  assert.equal(bounded.approximate, true);
  const exact = referenceEngine('claude').count(text);
  assert.ok(Math.abs(bounded.tokens - exact) / exact < 0.1, `${bounded.tokens} vs ${exact}`);
  const short = `one ${'\ufb03'.repeat(300)} two`;
  assert.deepEqual(countBounded(engine, short), { tokens: referenceEngine('claude').count(short), approximate: false });
});

test('a 1 MB run with no white space gets a bounded result', () => {
  const engine = shippedEngine('o200k_base');
  for (const run of ['a'.repeat(1 << 20), ';'.repeat(1 << 20), ' '.repeat(1 << 20), '😀'.repeat(1 << 19)]) {
    const started = process.hrtime.bigint();
    const count = countBounded(engine, run);
    assert.equal(count.approximate, true);
    assert.ok(count.tokens > 0);
    // Not a timing assertion: bounded means far below the minutes an unbounded merge would take.
    assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 20);
  }
});

test('gemma3: a 1 MB run with no white space is counted exactly, as are long runs of newlines, tabs and spaces', () => {
  const engine = shippedEngine('gemma3');
  const reference = referenceEngine('gemma3');
  for (const run of ['a'.repeat(1 << 20), '{"k":[1,2],"v":"x"}'.repeat(1 << 12), '😀'.repeat(1 << 14), '\n'.repeat(10_000), '\t \t'.repeat(5_000), ' '.repeat(10_000)]) {
    const count = countBounded(engine, run);
    assert.equal(count.approximate, false);
    assert.equal(count.tokens, reference.count(run), `${JSON.stringify(run.slice(0, 20))}…`);
  }
});

// Claude's text is NFKC-normalised before it is cut, so its pieces are not the raw text's (and its marker
// is an estimate's anyway).
for (const encoding of ENCODINGS.filter((e) => e !== 'claude')) {
  test(`${encoding}: the crossing is the piece where the running count passes the limit`, () => {
    const engine = shippedEngine(encoding);
    const reference = referenceEngine(encoding);
    for (const text of docs(6, 60, 3000)) {
      // The whole text's pieces, each with the reference's count: their sum is the text's count.
      const pieces = [...text.matchAll(pieceRegex(encoding))].map((m) => ({ offset: m.index, length: m[0].length, tokens: reference.count(m[0]) }));
      const total = pieces.reduce((sum, piece) => sum + piece.tokens, 0);
      assert.equal(total, reference.count(text));
      if (total < 2) continue;
      const limit = Math.floor(total / 2);
      let running = 0;
      const expected = pieces.find((piece) => (running += piece.tokens) > limit)!;
      const doc = new TokenDocument(text, engine, 64, true); // blocks held as UTF-8 where that is smaller
      assert.deepEqual(doc.crossing([], limit), { offset: expected.offset, length: expected.length }, JSON.stringify(text));
      assert.equal(doc.crossing([], total), undefined);
    }
  });
}

test('the crossing of a short text', () => {
  const engine = shippedEngine('o200k_base');
  assert.deepEqual(findCrossing(engine, 'one two three', 0, 1), { offset: 3, length: 4 });
});

test('UTF-8 lengths and cut points agree with TextEncoder on random text, lone surrogates and astral characters included', () => {
  const next = rng(20);
  const alphabet = ['a', ' ', '\n', '\r\n', 'é', '中', '😀', '\ud800', '\udc00', 'Ω', '\u0000'];
  const encoder = new TextEncoder();
  for (let round = 0; round < 300; round++) {
    const text = Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    assert.equal(utf8Length(text), encoder.encode(text).length, JSON.stringify(text));
    const bytes = Math.floor(next() * (utf8Length(text) + 2));
    const offset = offsetAfterUtf8(text, bytes);
    assert.ok(utf8Length(text, 0, offset) <= bytes, 'the cut keeps within the bytes');
    // No whole character more would fit, and a surrogate pair is never split.
    if (offset < text.length) assert.ok(utf8Length(text, 0, offset + (/[\ud800-\udbff]/.test(text[offset]) && /[\udc00-\udfff]/.test(text[offset + 1] ?? '') ? 2 : 1)) > bytes);
    assert.ok(!(/[\ud800-\udbff]/.test(text[offset - 1] ?? '') && /[\udc00-\udfff]/.test(text[offset] ?? '')), 'a pair split');
  }
});

test("Box's byte limit: the cut lands after the last whole character within it, for ASCII, multi-byte and CRLF text, through edits and for selections; the tokens before it are the prefix's exact count", () => {
  const engine = shippedEngine('o200k_base');
  const reference = referenceEngine('o200k_base');
  const next = rng(21);
  const units = ['The supplier shall deliver.\n', 'Über café 中文 😀 naïve résumé\r\n', 'line\r\n', '{"model": "aws__claude_3_7_sonnet"}\n', 'x'.repeat(50)];
  /** What a reader of the first `limit` bytes of `text` gets, character by character. */
  const naiveCut = (text: string, limit: number) => {
    let offset = 0;
    while (offset < text.length) {
      const step = /[\ud800-\udbff]/.test(text[offset]) && /[\udc00-\udfff]/.test(text[offset + 1] ?? '') ? 2 : 1;
      if (new TextEncoder().encode(text.slice(0, offset + step)).length > limit) break;
      offset += step;
    }
    return offset;
  };
  for (let round = 0; round < 40; round++) {
    let text = randomDoc(next, units, 2000 + Math.floor(next() * 6000));
    const doc = new TokenDocument(text, engine, 1 + Math.floor(next() * 300), round % 2 === 1); // blocks held as UTF-8 or not
    for (let edit = 0; edit < 3; edit++) {
      const offset = Math.floor(next() * text.length);
      const removed = Math.floor(next() * Math.min(50, text.length - offset));
      const inserted = units[Math.floor(next() * units.length)];
      doc.applyChanges([{ offset, removed, inserted }]);
      text = text.slice(0, offset) + inserted + text.slice(offset + removed);
    }
    const bytes = new TextEncoder().encode(text).length;
    assert.equal(doc.byteCut([], bytes), undefined, 'a text within the limit is not cut');
    const limit = Math.floor(next() * bytes);
    const cut = doc.byteCut([], limit)!;
    assert.equal(cut.offset, naiveCut(text, limit), `round ${round}`);
    assert.equal(cut.bytes, bytes);
    assert.equal(cut.tokens.tokens, reference.count(text.slice(0, cut.offset)));
    // Selections are read one after another: the cut falls in the span where their bytes pass the limit.
    const a = Math.floor(text.length / 4);
    const spans: [number, number][] = [[0, a], [2 * a, 3 * a]];
    const selected = text.slice(0, a) + text.slice(2 * a, 3 * a);
    const selectedBytes = new TextEncoder().encode(selected).length;
    const within = Math.floor(selectedBytes * 0.75);
    const spanCut = doc.byteCut(spans, within)!;
    const inJoined = naiveCut(selected, within);
    assert.equal(spanCut.offset, inJoined <= a ? inJoined : 2 * a + (inJoined - a));
    assert.equal(spanCut.bytes, selectedBytes);
    assert.equal(spanCut.tokens.tokens, reference.count(text.slice(0, a)) + reference.count(text.slice(2 * a, spanCut.offset)));
  }
});
