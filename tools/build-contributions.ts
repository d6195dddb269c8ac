// npm run contributions:build   writes the catalog-derived contributions: the model-id injection
// grammar (syntaxes/) and the ai_agent override snippets (data/snippets/). CI rebuilds and diffs them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseCatalog } from '../src/core/catalog/yaml';
import { buildGrammar } from './contributions/grammar';
import { buildSnippets } from './contributions/snippets';

const catalog = parseCatalog(readFileSync('data/models.yaml', 'utf8'), 'data/models.yaml');
if (catalog.problems.length) throw new Error(`data/models.yaml has problems: ${catalog.problems.map((p) => p.message).join('; ')}`);

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
writeFileSync('syntaxes/model-ids.injection.tmLanguage.json', json(buildGrammar(catalog)));
mkdirSync('data/snippets', { recursive: true });
for (const language of ['json', 'typescript', 'python'] as const) {
  writeFileSync(`data/snippets/${language}.code-snippets`, json(buildSnippets(catalog, language)));
}
console.log('wrote syntaxes/model-ids.injection.tmLanguage.json and data/snippets/{json,typescript,python}.code-snippets');
