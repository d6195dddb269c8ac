// npm run catalog:import -- <docs folder> [--retired <folder>] --source <text> --as-of <YYYY-MM-DD>
// regenerates data/models.yaml from a folder of Box's model docs, in any layout Box has published
// (index.mdx or index.md with the cards beside it), read the way the extension's update reads it; and
// from a folder of cards Box removed, with RETIRED.tsv giving the date each left (the models' history).
// The source and date say which docs these are (shown to users).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildCatalog } from '../src/core/catalog/import/build';
import { readCardTable, readRetiredList } from '../src/core/catalog/import/read-docs';
import { readDocsPages, ReadDocsFile } from '../src/core/catalog/update/read-source';
import { renderCatalogYaml } from './catalog/render';
import { formatProblem } from '../src/core/catalog/catalog';
import { parseCatalog } from '../src/core/catalog/yaml';

/** A folder's files, as the update's readers answer: the text, or 404. */
function folderReader(dir: string): ReadDocsFile {
  return async (name) => {
    const path = join(dir, name);
    return existsSync(path) ? { status: 200, text: readFileSync(path, 'utf8') } : { status: 404, text: '' };
  };
}

/** The removed cards of `dir` with the date RETIRED.tsv gives each; a card it does not list is skipped, with a warning. */
function readRetired(dir: string | undefined, warnings: string[]): Map<string, { rows: Map<string, string>; on: string }> {
  const retired = new Map<string, { rows: Map<string, string>; on: string }>();
  if (!dir) return retired;
  const tsv = join(dir, 'RETIRED.tsv');
  const dates = readRetiredList(existsSync(tsv) ? readFileSync(tsv, 'utf8') : 'file\tdeleted_on\n');
  for (const file of readdirSync(dir).filter((f) => /\.mdx?$/.test(f)).sort()) {
    const on = dates.get(file);
    if (on) retired.set(file, { rows: readCardTable(readFileSync(join(dir, file), 'utf8')), on });
    else warnings.push(`${file}: retired card not listed in RETIRED.tsv; skipped`);
  }
  return retired;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : fallback;
  };
  const out = option('--out', 'data/models.yaml');
  const correctionsPath = option('--corrections', 'data/corrections.yaml');
  const retiredDir = option('--retired', '') || undefined;
  const source = option('--source', '');
  const asOf = option('--as-of', '');
  const folder = args[0];
  if (!folder || !source || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error('usage: npm run catalog:import -- <folder of Box\'s model docs: index.mdx or index.md and the cards> [--retired <folder of removed cards with RETIRED.tsv>] --source <where the docs are from> --as-of <YYYY-MM-DD> [--out file] [--corrections file]');
    return 2;
  }
  for (const needed of [folder, ...(retiredDir ? [retiredDir] : [])]) {
    if (!existsSync(needed)) {
      console.error(`catalog:import: ${needed} not found`);
      return 2;
    }
  }
  const warnings: string[] = [];
  let pages;
  try {
    pages = await readDocsPages(folderReader(folder), `${folder.replace(/\/+$/, '')}/`);
  } catch (error) {
    console.error(`catalog:import: ${(error as Error).message}`);
    return 1;
  }
  const built = buildCatalog({
    index: pages.index,
    cards: pages.cards,
    retired: readRetired(retiredDir, warnings),
    corrections: existsSync(correctionsPath) ? parse(readFileSync(correctionsPath, 'utf8')) : {},
  });
  warnings.push(...built.warnings);
  const { models } = built;
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
  console.log(`wrote ${out}: ${models.length} models (${models.length - retired} current, ${retired} retired) from ${pages.indexFile} and its cards, ${warnings.length} warnings`);
  return 0;
}

void main().then((code) => (process.exitCode = code));
