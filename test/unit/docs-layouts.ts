// Box's model docs for the catalog tests: the snapshots in ../shared/box-ai-docs as readers, and the
// layouts no snapshot holds, made from the Mintlify snapshot: the page as Box regrouped it on
// 2026-04-02 (cards in provider sections, a default-models table) and the site's Markdown exports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FetchedFile, ReadDocsFile } from '../../src/core/catalog/update/read-source';

const ROOT = resolve(__dirname, '..', '..', '..');
export const DOCS = join(ROOT, '..', 'shared', 'box-ai-docs');
/** Each snapshot's folder of model pages. */
export const SNAPSHOTS = {
  main: join(DOCS, 'main', 'content', 'guides', 'box-ai', 'ai-models'),
  staging: join(DOCS, 'staging', 'content', 'guides', 'box-ai', 'ai-models'),
  mintlify: join(DOCS, 'mintlify', 'guides', 'box-ai', 'ai-models'),
};

/** A folder's files by name. */
export function filesOf(folder: string): Map<string, string> {
  return new Map(readdirSync(folder).filter((f) => /\.mdx?$/.test(f)).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
}

/** Answers from a map of files (404 for others); `change` rewrites one answer, as a server might. */
export function readerOf(files: Map<string, string>, change: (file: string, answer: FetchedFile) => FetchedFile = (_, a) => a): ReadDocsFile {
  return async (name) => change(name, files.has(name) ? { status: 200, text: files.get(name)! } : { status: 404, text: 'Not Found' });
}

export function snapshot(name: keyof typeof SNAPSHOTS, change?: (file: string, answer: FetchedFile) => FetchedFile): ReadDocsFile {
  if (!existsSync(SNAPSHOTS[name])) throw new Error(`${SNAPSHOTS[name]} is missing: the tests read ../shared/box-ai-docs`);
  return readerOf(filesOf(SNAPSHOTS[name]), change);
}

interface CardBlock {
  id: string;
  text: string;
  customerEnabled: boolean;
}

/** The index's <CustomCard> elements as they stand in the source, with the access section each is in. */
function cardBlocks(index: string): CardBlock[] {
  const customerAt = index.search(/^## Customer-enabled models/m);
  return [...index.matchAll(/<CustomCard\b[\s\S]*?<\/CustomCard>/g)].map((m) => ({
    id: /title="([^"]+)"/.exec(m[0])![1],
    text: m[0],
    customerEnabled: m.index! > customerAt,
  }));
}

const PROVIDERS: [RegExp, string][] = [[/^aws__claude/, 'Anthropic'], [/^aws__/, 'Amazon'], [/openai/, 'OpenAI'], [/^google__/, 'Google'], [/^ibm__llama/, 'Meta'], [/^ibm__/, 'Mistral AI'], [/^xai__/, 'xAI']];

/**
 * The Mintlify index regrouped as Box's page of 2026-04-02 is described: one collapsible section per
 * provider (access now a tag of each card), inside tabs, and a "Default models" section of tables
 * naming models, which must add none.
 */
export function regroupedIndex(index: string): string {
  const byProvider = new Map<string, string[]>();
  for (const card of cardBlocks(index)) {
    const provider = PROVIDERS.find(([pattern]) => pattern.test(card.id))![1];
    const text = card.customerEnabled ? card.text.replace('tags={[', 'tags={[\n\t\t\t{ text: "Customer-enabled", bgColor: "#fde8e8" },') : card.text;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), text]);
  }
  const sections = [...byProvider].map(([provider, cards]) => `\t<Accordion title="${provider}" defaultOpen={false}>\n\t\t<Columns cols={2}>\n${cards.join('\n')}\n\t\t</Columns>\n\t</Accordion>`);
  return [
    '---\ntitle: Supported AI models\n---\nimport { CustomCard } from "/snippets/custom-card.jsx";\n',
    'Box supports models from several providers.\n\n## Models by provider\n',
    `<Tabs>\n<Tab title="All models">\n<AccordionGroup>\n${sections.join('\n')}\n</AccordionGroup>\n</Tab>\n</Tabs>\n`,
    '## Default models\n\n| Box AI agent | Default model |\n| --- | --- |\n| Box AI for Documents | `openai__gpt_5_mini` |\n| Box AI Advanced Agent for Hubs | `openai__gpt_5` |\n| Extract | `google__gemini_2_5_flash` |\n',
    '<Tabs>\n<Tab title="Embeddings">\n\n| Agent | Model |\n|---|---|\n| Long text | `azure__openai__text_embedding_ada_002` |\n\n</Tab>\n</Tabs>\n',
  ].join('\n');
}

const SITE = 'https://developer.box.com';

/**
 * A page as the site's Markdown export serves it (`<page>.md`): the site's preface, the title as a
 * heading, imports replaced by the components' definitions, components re-indented by nesting, links
 * made Markdown links, and headings inside the components wrapped in a div.
 */
export function exportedPage(source: string): string {
  const title = /^---\n[\s\S]*?^title:\s*"?([^"\n]*)"?\s*$[\s\S]*?^---\n/m.exec(source)?.[1] ?? '';
  let body = source.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^import .*$/gm, '');
  body = body.replace(/<Link href="([^"]+)">([\s\S]*?)<\/Link>/g, (_, href: string, text: string) => `[${text}](${SITE}${href})`);
  body = body.replace(/^(#{2,3} Customer-enabled models)$/m, '<div id="customer-enabled-models">\n  $1\n</div>');
  let depth = 0;
  body = body
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (/^<\/(Columns|CustomCard)>/.test(trimmed)) depth = Math.max(0, depth - 1);
      const out = depth > 0 && trimmed ? `${'    '.repeat(depth)}${trimmed}` : line;
      if (/^<(Columns|CustomCard)\b/.test(trimmed)) depth++;
      return out;
    })
    .join('\n');
  const preface = `> ## Documentation Index\n> Fetch the complete documentation index at: ${SITE}/llms.txt\n> Use this file to discover all available pages before exploring further.\n`;
  const components = body.includes('<CustomCard') ? '\nexport const CustomCard = ({ title, href, tags = [], children }) => {\n  return <a href={href}><b>{title}</b>{tags.map((tag) => <span key={tag.text}>{tag.text}</span>)}{children}</a>;\n};\n' : '';
  return `${preface}\n# ${title}\n${components}\n${body}`;
}

/** The Mintlify snapshot as the site's exports: the index at `../ai-models.md`, each card at `<card>.md`. */
export function exportedSite(files: Map<string, string>): Map<string, string> {
  const exported = new Map<string, string>();
  for (const [name, text] of files) exported.set(name === 'index.mdx' ? '../ai-models.md' : name.replace(/\.mdx$/, '.md'), exportedPage(text));
  return exported;
}
