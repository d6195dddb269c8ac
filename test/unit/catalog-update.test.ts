import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Catalog } from '../../src/core/catalog/catalog';
import { ModelCard } from '../../src/core/catalog/model';
import { parseCatalog } from '../../src/core/catalog/yaml';
import { carryForward, catalogChanges, describeChanges, hasChanges, weeklyCheckDue } from '../../src/core/catalog/update/changes';
import { prepareUpdate } from '../../src/core/catalog/update/prepare';
import { DEFAULT_DOCS_SOURCE, docsLocation, readDocsSource, ReadDocsFile, shownFile, UpdateError } from '../../src/core/catalog/update/read-source';
import { exportedSite, filesOf, readerOf, regroupedIndex, snapshot, SNAPSHOTS } from './docs-layouts';
import { rng } from './random';

const ROOT = resolve(__dirname, '..', '..', '..');
const corrections = parse(readFileSync(join(ROOT, 'data', 'corrections.yaml'), 'utf8'));
const bundled = parseCatalog(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8'), 'bundled');
/** The two models the Mintlify snapshot lists and the old repository never did. */
const ONLY_IN_MINTLIFY = ['aws__claude_4_5_opus', 'google__gemini_3_flash'];

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

async function update(read: ReadDocsFile, base: Catalog = bundled, indexFile?: string) {
  const { models, warnings } = await readDocsSource(read, corrections, 'http://docs/', indexFile);
  const next = carryForward(base, models, '2026-11-25');
  return { models, next, changes: catalogChanges(base.models, next), warnings };
}

/** The bundled catalog's current models, less some. */
const currentWithout = (ids: string[]) => bundled.models.filter((m) => m.status !== 'retired' && !ids.includes(m.id));

test('the Mintlify snapshot, Box\'s docs as published now, gives the bundled catalog exactly', async () => {
  const { changes, next, models } = await update(snapshot('mintlify'));
  assert.equal(hasChanges(changes), false, describeChanges(changes).join('\n'));
  assert.deepEqual(json(next), json(bundled.models));
  assert.equal(models.length, 33);
  for (const id of ONLY_IN_MINTLIFY) assert.ok(models.some((m) => m.id === id), id);
});

test('the new models carry their cards\' facts, and count by their families\' rules', () => {
  const opus = bundled.get('aws__claude_4_5_opus')!;
  assert.deepEqual(
    [opus.contextWindow, opus.maxOutputTokens, opus.released, opus.knowledgeCutoff, opus.tier, opus.access, opus.status, opus.paramsType, opus.tokenizer],
    [200_000, 64_000, '2025-11-24', '2025-03', 'premium', 'customer-enabled', 'beta', 'aws_params', 'claude-estimate'],
  );
  const flash = bundled.get('google__gemini_3_flash')!;
  assert.deepEqual(
    [flash.contextWindow, flash.maxOutputTokens, flash.released, flash.knowledgeCutoff, flash.paramsType, flash.tokenizer],
    [1_000_000, 65_000, '2025-12-17', '2025-01', 'google_params', 'gemma3'],
  );
  assert.deepEqual(bundled.origin, { source: 'Box developer docs (box/box-mintlify main, 9d553316)', asOf: '2026-01-30' });
  assert.equal(bundled.models.filter((m) => m.status === 'retired').length, 11, 'every retired model is kept, with its history');
});

test('the old repository\'s main still gives what it gave: the same models and facts, less the two it never had', async () => {
  const { models } = await readDocsSource(snapshot('main'), corrections, 'http://docs/');
  const changes = catalogChanges(currentWithout(ONLY_IN_MINTLIFY), models);
  assert.equal(hasChanges(changes), false, describeChanges(changes).join('\n'));
});

test('staging adds Claude Opus 4.5 to main with its facts; its duplicated tile and badge change nothing else', async () => {
  const main = await readDocsSource(snapshot('main'), corrections, 'http://docs/');
  const base = new Catalog([...main.models, ...bundled.models.filter((m) => m.status === 'retired')], [], { source: 'main', asOf: '2026-02-16' });
  const { changes, warnings } = await update(snapshot('staging'), base);
  assert.deepEqual(changes.added.map((m) => m.id), ['aws__claude_4_5_opus']);
  assert.deepEqual(changes.dropped, []);
  assert.deepEqual(changes.changed, []);
  const opus = changes.added[0];
  assert.deepEqual([opus.contextWindow, opus.maxOutputTokens, opus.released, opus.status, opus.paramsType], [200_000, 64_000, '2025-11-24', 'available', 'aws_params']);
  assert.ok(warnings.some((w) => /azure__openai__gpt_4o_mini twice; the copies agree/.test(w)), warnings.join('\n'));
});

test('the page regrouped (cards in provider sections and tabs, access as a tag, a default-models table) gives the same models', async () => {
  const files = filesOf(SNAPSHOTS.mintlify);
  const regrouped = regroupedIndex(files.get('index.mdx')!);
  assert.match(regrouped, /<Accordion title="Anthropic"/);
  assert.match(regrouped, /## Default models\n\n\| Box AI agent/);
  const original = await readDocsSource(readerOf(files), corrections, 'http://docs/');
  const again = await readDocsSource(readerOf(new Map([...files, ['index.mdx', regrouped]])), corrections, 'http://docs/');
  assert.deepEqual(json(again.models), json(original.models));
});

test("the site's Markdown exports (…/ai-models.md and a .md per card) give the same models", async () => {
  const files = filesOf(SNAPSHOTS.mintlify);
  const location = docsLocation('https://developer.box.com/guides/box-ai/ai-models.md');
  assert.deepEqual(location, { base: 'https://developer.box.com/guides/box-ai/ai-models/', index: '../ai-models.md' });
  assert.equal(shownFile(location.base, location.index!), 'https://developer.box.com/guides/box-ai/ai-models.md');
  const exported = exportedSite(files);
  assert.match(exported.get('../ai-models.md')!, /^> ## Documentation Index/);
  assert.match(exported.get('../ai-models.md')!, /export const CustomCard = /);
  const original = await readDocsSource(readerOf(files), corrections, 'http://docs/');
  const again = await readDocsSource(readerOf(exported), corrections, 'http://docs/', location.index);
  assert.deepEqual(json(again.models), json(original.models));
});

test('the default source is where Box publishes now, in the manifest as in the code', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.contributes.configuration.properties['boxAiModels.catalog.source'].default, DEFAULT_DOCS_SOURCE);
  assert.match(DEFAULT_DOCS_SOURCE, /^https:\/\/raw\.githubusercontent\.com\/box\/box-mintlify\/main\//);
});

test('a source names a folder, its index file, or a page export', () => {
  assert.deepEqual(docsLocation('https://raw.githubusercontent.com/box/box-mintlify/main/guides/box-ai/ai-models'), { base: 'https://raw.githubusercontent.com/box/box-mintlify/main/guides/box-ai/ai-models/' });
  assert.deepEqual(docsLocation('http://127.0.0.1:8080/docs/index.md'), { base: 'http://127.0.0.1:8080/docs/', index: 'index.md' });
  assert.deepEqual(docsLocation('docs/ai-models/index.mdx'), { base: 'docs/ai-models/', index: 'index.mdx' });
  assert.deepEqual(docsLocation('C:\\docs\\ai-models\\'), { base: 'C:\\docs\\ai-models/' });
});

test('a card tagged "Compatible with Box Agent" says so, and the tag is no compliance badge', async () => {
  const files = filesOf(SNAPSHOTS.mintlify);
  const tagged = files.get('index.mdx')!.replace('title="openai__gpt_5_2"\n\t\thref="/guides/box-ai/ai-models/openai-gpt-5-2-model-card"\n\t\ttags={[', '$&\n\t\t\t{ text: "Compatible with Box Agent", bgColor: "#e8e8e8" },');
  assert.notEqual(tagged, files.get('index.mdx'));
  const { models } = await readDocsSource(readerOf(new Map([...files, ['index.mdx', tagged]])), corrections, 'http://docs/');
  const gpt = models.find((m) => m.id === 'openai__gpt_5_2')!;
  assert.equal(gpt.boxAgent, true);
  assert.deepEqual(gpt.compliance, bundled.get('openai__gpt_5_2')!.compliance);
  assert.equal(models.find((m) => m.id === 'openai__gpt_5_1')!.boxAgent, undefined);
});

test('a model no longer listed stays, retired since the date the previous catalog was read', async () => {
  const withoutHaiku = snapshot('mintlify', (file, answer) =>
    file === 'index.mdx' ? { ...answer, text: answer.text.replace(/<CustomCard\s+icon="[^"]*"\s+title="aws__claude_3_haiku"[\s\S]*?<\/CustomCard>/, '') } : answer,
  );
  const { changes, next } = await update(withoutHaiku);
  assert.deepEqual(changes.dropped.map((m) => m.id), ['aws__claude_3_haiku']);
  const haiku = next.find((m) => m.id === 'aws__claude_3_haiku')!;
  assert.equal(haiku.status, 'retired');
  assert.equal(haiku.retiredOn, bundled.origin?.asOf);
  assert.equal(haiku.access, undefined);
  for (const model of bundled.models.filter((m) => m.status === 'retired')) assert.deepEqual(next.find((m) => m.id === model.id), model);
});

test('a changed fact is reported per model and field', async () => {
  const bigger = snapshot('mintlify', (file, answer) =>
    file === 'aws-claude-3-7-sonnet-model-card.mdx' ? { ...answer, text: answer.text.replace('**200k tokens**', '**500k tokens**') } : answer,
  );
  const { changes } = await update(bigger);
  assert.deepEqual(changes.changed, [{ id: 'aws__claude_3_7_sonnet', facts: [{ field: 'contextWindow', before: '200000', after: '500000' }] }]);
  assert.match(describeChanges(changes)[0], /aws__claude_3_7_sonnet: contextWindow 200000 → 500000/);
});

const prepare = (read: ReadDocsFile, base: Catalog = bundled) => prepareUpdate({ read, where: 'http://docs/', label: 'test', base, corrections, checkedOn: '2026-12-04' });

test('an update says what it read: how many models, and the newest', async () => {
  const { read, changes } = await prepare(snapshot('mintlify'));
  assert.equal(hasChanges(changes), false);
  assert.equal(read.models, 33);
  assert.equal(read.newest?.id, 'google__gemini_3_flash');
  assert.equal(read.newest?.released, '2025-12-17');
});

test('never a false "up to date": the frozen repository is refused as an older copy, retiring nothing', async () => {
  await assert.rejects(prepare(snapshot('main')), (error: unknown) => {
    assert.ok(error instanceof UpdateError);
    assert.match(error.message, /^http:\/\/docs\/ lists 31 models, the newest GPT-5\.2 \(released 2025-12-11\): 2 fewer than the catalog in use \(Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30\), and none released after its newest, Google Gemini 3 Flash \(2025-12-17\)\. It looks like an older copy of Box's docs/);
    assert.match(error.message, /The catalog in use is unchanged\.$/);
    return true;
  });
});

test('a page that lost many of the models in use is refused, not half the catalog retired', async () => {
  const files = filesOf(SNAPSHOTS.mintlify);
  // The customer-enabled section only: 6 of 33 models, the newest among them.
  const index = files.get('index.mdx')!;
  const partial = index.slice(0, index.search(/^## Core Box AI models/m)) + index.slice(index.search(/^## Customer-enabled models/m));
  await assert.rejects(prepare(readerOf(new Map([...files, ['index.mdx', partial]]))), (error: unknown) => {
    assert.ok(error instanceof UpdateError);
    assert.match(error.message, /lists 6 models, the newest Google Gemini 3 Flash \(released 2025-12-17\), without 27 of the 33 current models of the catalog in use/);
    return true;
  });
});

test('each failure is one UpdateError that names the file and says nothing changed', async () => {
  const mint = (name: string, text: string | ((t: string) => string)) =>
    snapshot('mintlify', (file, a) => (file === name ? { ...a, text: typeof text === 'string' ? text : text(a.text) } : a));
  const cases: [string, ReadDocsFile, RegExp][] = [
    ['HTTP error', snapshot('mintlify', (file, a) => (file === 'aws-claude-3-haiku-model-card.mdx' ? { status: 500, text: 'oops' } : a)), /http:\/\/docs\/aws-claude-3-haiku-model-card\.mdx answered HTTP 500\./],
    ['no index', readerOf(new Map()), /http:\/\/docs\/ has no index\.mdx or index\.md: it is not a folder of Box's model docs\./],
    ['an HTML page', snapshot('mintlify', () => ({ status: 200, contentType: 'text/html', text: '<!DOCTYPE html><html><body>Docs</body></html>' })), /index\.mdx is a web page, not Markdown/],
    ['HTML without a content type', mint('index.mdx', '\n<html lang="en"><p>moved</p></html>'), /web page/],
    ['a page with no cards', mint('index.mdx', '# Models\n\n- aws__claude_3_haiku\n'), /index\.mdx lists no models \(no <CustomCard> or <Tile> entries\): the layout of Box's docs may have changed\./],
    ['a card without its table', mint('aws-claude-3-haiku-model-card.mdx', '---\ntitle: AWS Claude 3 Haiku\n---\nNo table here.'), /A model card at http:\/\/docs\/ could not be read \(aws-claude-3-haiku-model-card\.mdx: no "API model name" row in a "Model details" table\)/],
    ['an unclosed card', mint('index.mdx', (t) => t.replace(/(title="aws__claude_3_haiku"[\s\S]*?)<\/CustomCard>/, '$1')), /index\.mdx could not be read: the <CustomCard> at line \d+ is never closed \(no <\/CustomCard> before the next card\)/],
    ['a stray brace', mint('index.mdx', (t) => t.replace('tags={[\n\t\t\t{ text: "Chat", bgColor: "#e8e8e8" },\n\t\t\t{ text: "Available", bgColor: "#e1ffe7" },\n\t\t\t{ text: "Premium", bgColor: "#f8d59b" }\n\t\t]}', 'tags={[{ text: "Chat" ]}')), /the <CustomCard> at line \d+ has an attribute tags whose value has unbalanced braces/],
    ['an unterminated string', mint('index.mdx', (t) => t.replace('title="xai__grok_3_beta"', 'title="xai__grok_3_beta')), /the <CustomCard> at line \d+ (has an attribute|has "|does not end)/],
    ['an opening tag that never ends', mint('index.mdx', (t) => `${t}\n<CustomCard title="x__y" href="/a"`), /the <CustomCard> at line \d+ does not end/],
  ];
  for (const [what, read, message] of cases) {
    await assert.rejects(prepare(read), (error: unknown) => {
      assert.ok(error instanceof UpdateError, `${what}: ${String(error)}`);
      assert.match(error.message, message, what);
      assert.match(error.message, /The catalog in use is unchanged\.$/, what);
      return true;
    });
  }
});

test('fuzz: mutated copies of the snapshot\'s files never throw anything but an UpdateError, and never give a partial catalog', async () => {
  const files = filesOf(SNAPSHOTS.mintlify);
  const names = [...files.keys()];
  const random = rng(19);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const pieces = ['{', '}', '"', "'", '<', '>', '</CustomCard>', '<CustomCard ', '|', '\n', '**', '`', ']}', 'tags={[', '/>', '\u0000', '<!DOCTYPE html>'];
  const mutate = (text: string): string => {
    const at = Math.floor(random() * text.length);
    switch (Math.floor(random() * 5)) {
      case 0: return text.slice(0, at) + pick(pieces) + text.slice(at);
      case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 200));
      case 2: return text.slice(0, at);
      case 3: return text.slice(0, at) + text.slice(Math.floor(random() * text.length));
      default: return text.replace(pick(['**', '|', '"', '{', '>']), '');
    }
  };
  const current = new Set(bundled.models.filter((m) => m.status !== 'retired').map((m) => m.id));
  let refused = 0;
  for (let round = 0; round < 300; round++) {
    const changed = new Map(files);
    const target = random() < 0.5 ? 'index.mdx' : pick(names);
    let text = changed.get(target)!;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) text = mutate(text);
    changed.set(target, text);
    try {
      const { next } = await prepare(readerOf(changed));
      assert.deepEqual(next.problems, [], `round ${round}: a catalog with problems`);
      // What is applied keeps every model in use (as listed, or as retired), and drops few at once.
      const nowCurrent = next.models.filter((m: ModelCard) => m.status !== 'retired').map((m: ModelCard) => m.id);
      for (const id of current) assert.ok(next.get(id), `round ${round}: ${id} vanished`);
      assert.ok([...current].filter((id) => !nowCurrent.includes(id)).length <= Math.max(3, current.size / 4), `round ${round}: many models retired at once`);
    } catch (error) {
      if (!(error instanceof UpdateError)) assert.fail(`round ${round} (${target}) threw ${(error as Error)?.stack ?? error}`);
      refused++;
    }
  }
  assert.ok(refused > 0 && refused < 300, `refused ${refused} of 300: the mutations should break some reads and not others`);
});

test('the weekly check is due when never done, or a week or more after the last', () => {
  const day = 24 * 3600_000;
  const now = Date.parse('2026-11-25T12:00:00Z');
  assert.equal(weeklyCheckDue(undefined, now), true);
  assert.equal(weeklyCheckDue(now - 6 * day, now), false);
  assert.equal(weeklyCheckDue(now - 7 * day, now), true);
});
