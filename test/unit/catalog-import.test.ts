import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCatalog, DocsInput } from '../../src/core/catalog/import/build';
import { parseCardDate, parseTokenCount, readCardTable, readRetiredList } from '../../src/core/catalog/import/read-docs';
import { readModelIndex } from '../../src/core/catalog/import/read-index';
import { renderCatalogYaml } from '../../tools/catalog/render';
import { parseCatalog } from '../../src/core/catalog/yaml';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'cards');

function cardsIn(dir: string): Map<string, Map<string, string>> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('-model-card.md')).sort().map((f) => [f, readCardTable(readFileSync(join(dir, f), 'utf8'))]));
}

function fixtureInput(corrections = readFileSync(join(FIXTURE, 'corrections.yaml'), 'utf8')): DocsInput {
  const retiredOn = readRetiredList(readFileSync(join(FIXTURE, 'retired-model-cards', 'RETIRED.tsv'), 'utf8'));
  const retired = new Map([...cardsIn(join(FIXTURE, 'retired-model-cards'))].map(([file, rows]) => [file, { rows, on: retiredOn.get(file)! }]));
  return {
    index: readModelIndex(readFileSync(join(FIXTURE, 'docs', 'index.md'), 'utf8')).entries,
    cards: cardsIn(join(FIXTURE, 'docs')),
    retired,
    corrections: parse(corrections),
  };
}

test('card dates of every style become ISO dates of the same precision', () => {
  const table: [string, string | undefined][] = [
    ['June 20th, 2024', '2024-06-20'], ['March 4th 2024', '2024-03-04'], ['February 24, 2025', '2025-02-24'],
    ['September 30th, 2024', '2024-09-30'], ['August 31st, 2025', '2025-08-31'], ['May 22nd 2025', '2025-05-22'],
    ['September 2024', '2024-09'], ['2023', '2023'], ['Not provided', undefined], ['unknown', undefined],
  ];
  for (const [text, iso] of table) assert.equal(parseCardDate(text), iso, text);
});

test('token counts: k and m suffixes, absent when not stated', () => {
  const table: [string, number | undefined][] = [
    ['200k tokens', 200_000], ['1m tokens', 1_000_000], ['10m', 10_000_000], ['128k', 128_000], ['131k tokens', 131_000],
    ['8k tokens', 8_000], ['Not specified', undefined], ['Not applicable', undefined], ['', undefined],
  ];
  for (const [text, n] of table) assert.equal(parseTokenCount(text), n, text);
});

test('card tables tolerate ragged spacing and a separator row', () => {
  const rows = readCardTable('| Item | Value | D |\n| ----- | ----- | - |\n|  Model name  |  **X**  | d |\n|API model name|`a__b`|d|');
  assert.equal(rows.get('model name'), 'X');
  assert.equal(rows.get('api model name'), 'a__b');
});

test('index tiles: pills and access level by section', () => {
  const tiles = readModelIndex(readFileSync(join(FIXTURE, 'docs', 'index.md'), 'utf8')).entries;
  assert.deepEqual(tiles.map((t) => [t.id, t.access]), [['acme__swift_2', 'core'], ['acme__text_embedding_1', 'core'], ['acme__deep_1', 'customer-enabled']]);
  assert.ok(tiles[0].pills.includes('Default for Box AI for Tests'));
});

test('index cards: found wherever nested, access from a tag or the heading above, comments and code ignored', () => {
  const card = (id: string, tags: string) => `<CustomCard title="${id}" href="/guides/box-ai/ai-models/${id.replace(/_+/g, '-')}-model-card" tags={[${tags}]}>x</CustomCard>`;
  const page = [
    '## Core Box AI models',
    `<Tabs><Tab title="A"><AccordionGroup><Accordion title="Acme">${card('acme__one', '{ text: "Chat" }, { text: "Available" },')}</Accordion></AccordionGroup></Tab></Tabs>`,
    `{/* ${card('acme__commented', '{ text: "Chat" }')} */}`,
    '```mdx',
    card('acme__in_code', '{ text: "Chat" }'),
    '```',
    '<!-- a note -->',
    '## Customer-enabled models',
    card('acme__two', `{ text: 'Beta' }, { text: "Premium" }`),
    card('acme__three', '{ text: "Core" }, { text: "Default for Box AI for Tests" }, { text: "Chat" }, { text: "Chat" }'),
    '| Default models | |\n|---|---|\n| Box AI | `acme__four` |',
  ].join('\n');
  const { entries, problems } = readModelIndex(page);
  assert.deepEqual(problems, []);
  assert.deepEqual(entries.map((e) => [e.id, e.access, e.cardSlug]), [
    ['acme__one', 'core', 'acme-one-model-card'],
    ['acme__two', 'customer-enabled', 'acme-two-model-card'],
    ['acme__three', 'core', 'acme-three-model-card'],
  ]);
  assert.deepEqual(entries[2].pills, ['Default for Box AI for Tests', 'Chat']);
  assert.deepEqual(entries[1].pills, ['Beta', 'Premium']);
});

test('importer builds every fact and applies the corrections', () => {
  const { models, warnings } = buildCatalog(fixtureInput());
  assert.deepEqual(warnings, []);
  assert.deepEqual(models.map((m) => m.id), ['acme__deep_1', 'acme__old', 'acme__swift_2', 'acme__text_embedding_1']);
  const [deep, old, swift, embed] = models;
  assert.deepEqual(
    { ...swift },
    {
      id: 'acme__swift_2', aliases: [], name: 'Acme Swift 2', provider: 'Acme Labs', hosting: 'Acme Cloud', kind: 'chat', tier: 'standard',
      access: 'core', status: 'available', retiredOn: undefined, released: '2025-03-03', knowledgeCutoff: undefined, contextWindow: 1_000_000,
      maxOutputTokens: 16_000, throughput: '90-120 (estimated)', openSource: true, compliance: ['FedRAMP Moderate'],
      defaultFor: ['Box AI for Tests'], boxAgent: undefined, paramsType: undefined, tokenizer: 'estimate',
      cardUrl: 'https://developer.box.com/guides/box-ai/ai-models/acme-swift-2-model-card/', conflicts: [],
      notes: ["Box's OpenAPI spec has no llm_endpoint_params type for acme models."],
    },
  );
  assert.deepEqual(deep.aliases, ['acme__deep.1']);
  assert.equal(deep.provider, 'Acme Labs');
  assert.equal(deep.status, 'preview');
  assert.equal(deep.access, 'customer-enabled');
  assert.equal(deep.maxOutputTokens, undefined, 'not specified stays absent, never 0');
  assert.deepEqual(deep.conflicts.map((c) => c.field), ['id', 'provider', 'status']);
  assert.equal(embed.kind, 'embedding');
  assert.equal(old.status, 'retired');
  assert.equal(old.retiredOn, '2025-01-17');
  assert.equal(old.successor, 'acme__swift_2');
  assert.equal(old.knowledgeCutoff, '2021');
  assert.ok(old.notes.some((n) => n.includes('middle of 2021')));
});

test('importer warns about every contradiction the corrections do not explain', () => {
  const { warnings } = buildCatalog(fixtureInput(''));
  assert.ok(warnings.some((w) => w.includes('acme__deep.1 is neither on the index nor retired')));
  assert.ok(warnings.some((w) => w.includes('index tile acme__deep_1 has no model card')));
  assert.ok(warnings.some((w) => w.includes('acme__old: retired without a successor')));
});

test('regeneration is stable: the command run twice writes the same bytes, and the file reads back', () => {
  const out = mkdtempSync(join(tmpdir(), 'catalog-'));
  const run = (file: string) =>
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'run-ts.mjs'), 'tools/import-catalog.ts', join(FIXTURE, 'docs'), '--retired', join(FIXTURE, 'retired-model-cards'), '--out', file, '--corrections', join(FIXTURE, 'corrections.yaml'), '--source', 'test cards', '--as-of', '2026-01-02'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(run(join(out, 'a.yaml')), /4 models \(3 current, 1 retired\) from index\.md and its cards, 0 warnings/);
  run(join(out, 'b.yaml'));
  const a = readFileSync(join(out, 'a.yaml'), 'utf8');
  assert.equal(a, readFileSync(join(out, 'b.yaml'), 'utf8'));
  const { models } = buildCatalog(fixtureInput());
  assert.equal(renderCatalogYaml(models, { source: 'test cards', asOf: '2026-01-02' }), a);
  const reread = parseCatalog(a, 'a.yaml');
  assert.deepEqual(reread.problems, []);
  assert.deepEqual(reread.origin, { source: 'test cards', asOf: '2026-01-02' });
  assert.deepEqual(reread.models.map((m) => m.id), models.map((m) => m.id));
  assert.equal(reread.get('acme__swift_2')?.contextWindow, 1_000_000);
});
