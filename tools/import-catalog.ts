// npm run catalog:import -- <folder> --source <text> --as-of <YYYY-MM-DD>   regenerates data/models.yaml
// from a folder laid out like Box's docs: model-cards/*.md, retired-model-cards/*.md with RETIRED.tsv,
// guides/supported-models-index.md. The source and date say which docs these are (shown to users).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildCatalog } from '../src/core/catalog/import/build';
import { renderCatalogYaml } from './catalog/render';
import { formatProblem } from '../src/core/catalog/catalog';
import { parseCatalog } from '../src/core/catalog/yaml';

function readFolder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) if (name.endsWith('.md')) files.set(name, readFileSync(join(dir, name), 'utf8'));
  return files;
}

function main(): number {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : fallback;
  };
  const out = option('--out', 'data/models.yaml');
  const correctionsPath = option('--corrections', 'data/corrections.yaml');
  const source = option('--source', '');
  const asOf = option('--as-of', '');
  const folder = args[0];
  if (!folder || !source || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error('usage: npm run catalog:import -- <folder with model-cards/, retired-model-cards/, guides/> --source <where the docs are from> --as-of <YYYY-MM-DD> [--out file] [--corrections file]');
    return 2;
  }
  const indexPath = join(folder, 'guides', 'supported-models-index.md');
  for (const needed of [join(folder, 'model-cards'), indexPath]) {
    if (!existsSync(needed)) {
      console.error(`catalog:import: ${needed} not found`);
      return 2;
    }
  }
  const retiredTsvPath = join(folder, 'retired-model-cards', 'RETIRED.tsv');
  const { models, warnings } = buildCatalog({
    cards: readFolder(join(folder, 'model-cards')),
    retiredCards: readFolder(join(folder, 'retired-model-cards')),
    retiredTsv: existsSync(retiredTsvPath) ? readFileSync(retiredTsvPath, 'utf8') : 'file\tdeleted_on\n',
    indexMarkdown: readFileSync(indexPath, 'utf8'),
    corrections: existsSync(correctionsPath) ? parse(readFileSync(correctionsPath, 'utf8')) : {},
  });
  const yaml = renderCatalogYaml(models, { source, asOf });
  // Refuse to write a file the extension itself would reject.
  const problems = parseCatalog(yaml, out).problems;
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  if (problems.length) {
    for (const problem of problems) console.error(`error: ${formatProblem(problem)}`);
    return 1;
  }
  writeFileSync(out, yaml);
  const retired = models.filter((m) => m.status === 'retired').length;
  console.log(`wrote ${out}: ${models.length} models (${models.length - retired} current, ${retired} retired), ${warnings.length} warnings`);
  return 0;
}

process.exitCode = main();
