import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Catalog } from '../../src/core/catalog/catalog';
import { parseCatalog } from '../../src/core/catalog/yaml';
import { carryForward, catalogChanges, describeChanges, hasChanges, weeklyCheckDue } from '../../src/core/catalog/update/changes';
import { FetchedFile, readDocsSource, ReadDocsFile, UpdateError } from '../../src/core/catalog/update/read-source';

const ROOT = resolve(__dirname, '..', '..', '..');
/** Box's model docs in their repository's layout, two snapshots (main: the bundled catalog's source). */
const DOCS = join(ROOT, '..', 'shared', 'box-ai-docs');
const FOLDER = 'content/guides/box-ai/ai-models';
const corrections = parse(readFileSync(join(ROOT, 'data', 'corrections.yaml'), 'utf8'));
const bundled = parseCatalog(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8'), 'bundled');

/** Reads a snapshot's files; `change` rewrites one file's answer to simulate what a server may send. */
function snapshot(name: string, change: (file: string, answer: FetchedFile) => FetchedFile = (_, a) => a): ReadDocsFile {
  return async (file) => {
    const path = join(DOCS, name, FOLDER, file);
    return change(file, existsSync(path) ? { status: 200, text: readFileSync(path, 'utf8') } : { status: 404, text: 'Not Found' });
  };
}

async function update(read: ReadDocsFile, base: Catalog = bundled) {
  const { models, warnings } = await readDocsSource(read, corrections, 'http://docs/');
  const next = carryForward(base, models, '2026-11-25');
  return { next, changes: catalogChanges(base.models, next), warnings };
}

test('the snapshot the bundled catalog came from changes nothing', async () => {
  const { changes, next } = await update(snapshot('main'));
  assert.equal(hasChanges(changes), false, describeChanges(changes).join('\n'));
  assert.deepEqual(JSON.parse(JSON.stringify(next)), JSON.parse(JSON.stringify(bundled.models)));
});

test('staging adds Claude Opus 4.5 with its facts; its duplicated tile and badge change nothing else', async () => {
  const { changes, next, warnings } = await update(snapshot('staging'));
  assert.deepEqual(changes.added.map((m) => m.id), ['aws__claude_4_5_opus']);
  assert.deepEqual(changes.dropped, []);
  assert.deepEqual(changes.changed, []);
  const opus = next.find((m) => m.id === 'aws__claude_4_5_opus')!;
  assert.equal(opus.contextWindow, 200_000);
  assert.equal(opus.maxOutputTokens, 64_000);
  assert.equal(opus.released, '2025-11-24');
  assert.equal(opus.status, 'available');
  assert.equal(opus.paramsType, 'aws_params');
  assert.ok(warnings.some((w) => /azure__openai__gpt_4o_mini twice; the copies agree/.test(w)), warnings.join('\n'));
});

test('a model no longer listed stays, retired since the date the previous catalog was read', async () => {
  const withoutHaiku = snapshot('main', (file, answer) =>
    file === 'index.md' ? { ...answer, text: answer.text.replace(/<Tile[^>]*title="aws__claude_3_haiku"[\s\S]*?<\/Tile>/, '') } : answer,
  );
  const { changes, next } = await update(withoutHaiku);
  assert.deepEqual(changes.dropped.map((m) => m.id), ['aws__claude_3_haiku']);
  const haiku = next.find((m) => m.id === 'aws__claude_3_haiku')!;
  assert.equal(haiku.status, 'retired');
  assert.equal(haiku.retiredOn, bundled.origin?.asOf);
  assert.equal(haiku.access, undefined);
  // Models retired before stay as they were.
  const retiredBefore = bundled.models.filter((m) => m.status === 'retired');
  for (const model of retiredBefore) assert.deepEqual(next.find((m) => m.id === model.id), model);
});

test('a changed fact is reported per model and field', async () => {
  const bigger = snapshot('main', (file, answer) =>
    file === 'aws-claude-3-7-sonnet-model-card.md' ? { ...answer, text: answer.text.replace('**200k tokens**', '**500k tokens**') } : answer,
  );
  const { changes } = await update(bigger);
  assert.deepEqual(changes.changed, [{ id: 'aws__claude_3_7_sonnet', facts: [{ field: 'contextWindow', before: '200000', after: '500000' }] }]);
  assert.match(describeChanges(changes)[0], /aws__claude_3_7_sonnet: contextWindow 200000 → 500000/);
});

test('each failure is one UpdateError that names the file and says nothing changed', async () => {
  const cases: [string, ReadDocsFile, RegExp][] = [
    ['HTTP error', snapshot('main', (file, a) => (file === 'aws-claude-3-haiku-model-card.md' ? { status: 500, text: 'oops' } : a)), /aws-claude-3-haiku-model-card\.md answered HTTP 500/],
    ['index missing', snapshot('main', (file, a) => (file === 'index.md' ? { status: 404, text: '' } : a)), /index\.md answered HTTP 404/],
    ['an HTML page', snapshot('main', () => ({ status: 200, contentType: 'text/html', text: '<!DOCTYPE html><html><body>Docs</body></html>' })), /index\.md is a web page, not markdown/],
    ['HTML without a content type', snapshot('main', (file, a) => (file === 'index.md' ? { status: 200, text: '\n<html lang="en"><p>moved</p></html>' } : a)), /web page/],
    ['a changed layout', snapshot('main', (file, a) => (file === 'index.md' ? { ...a, text: '# Models\n\n- aws__claude_3_haiku\n' } : a)), /lists no models \(no <Tile> entries\): the layout of Box's docs may have changed/],
    ['a malformed card', snapshot('main', (file, a) => (file === 'aws-claude-3-haiku-model-card.md' ? { ...a, text: '# AWS Claude 3 Haiku\n\nNo table here.' } : a)), /A model card at http:\/\/docs\/ could not be read \(aws-claude-3-haiku-model-card\.md: no "API model name" row/],
  ];
  for (const [what, read, message] of cases) {
    await assert.rejects(readDocsSource(read, corrections, 'http://docs/'), (error: unknown) => {
      assert.ok(error instanceof UpdateError, what);
      assert.match(error.message, message, what);
      assert.match(error.message, /The catalog in use is unchanged\.$/, what);
      return true;
    });
  }
});

test('the weekly check is due when never done, or a week or more after the last', () => {
  const day = 24 * 3600_000;
  const now = Date.parse('2026-11-25T12:00:00Z');
  assert.equal(weeklyCheckDue(undefined, now), true);
  assert.equal(weeklyCheckDue(now - 6 * day, now), false);
  assert.equal(weeklyCheckDue(now - 7 * day, now), true);
});
