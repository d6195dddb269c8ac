// Reads Box's published model docs through any reader (HTTP, a folder, a test's map of files) in each
// layout Box has published: the old repository's folder (index.md with <Tile>s, cards *.md), the
// Mintlify source (index.mdx with <CustomCard>s, cards *.mdx) and the site's Markdown export of the
// same pages (…/ai-models.md, cards …/ai-models/<card>.md). The importer (`npm run catalog:import`)
// and the extension's update read through here alike. Every way this can fail ends in one
// UpdateError whose message is written for the user; nothing here touches the catalog in use.
import { buildCatalog } from '../import/build';
import { readCardTable } from '../import/read-docs';
import { IndexEntry, readModelIndex } from '../import/read-index';
import { ModelCard } from '../model';

/**
 * Where Box publishes its model docs: the raw files of box/box-mintlify, the source of
 * developer.box.com since early 2026 (the old repository, box/developer.box.com, stopped taking model
 * updates on 2026-02-16).
 */
export const DEFAULT_DOCS_SOURCE = 'https://raw.githubusercontent.com/box/box-mintlify/main/guides/box-ai/ai-models/';
/** The index files a folder of Box's docs may hold, in the order they are tried. */
export const INDEX_FILES = ['index.mdx', 'index.md'];

/** What a reader got for one file: an HTTP answer, or a file read from a folder (200, or 404 when missing). */
export interface FetchedFile {
  status: number;
  contentType?: string;
  text: string;
}

/** Reads one file by its name relative to the docs folder (`index.mdx`, `<card>.md`, `../ai-models.md`). Throws UpdateError when it cannot. */
export type ReadDocsFile = (name: string) => Promise<FetchedFile>;

/** An outcome's message for an update that changed nothing: it says so at its end. */
export function catalogUnchanged(message: string): string {
  return `${message} The catalog in use is unchanged.`;
}

/** A failed update, with the one message the user sees (catalogUnchanged). */
export class UpdateError extends Error {
  constructor(problem: string) {
    super(catalogUnchanged(problem));
  }
}

/** Where a source's files are: the folder names are relative to, and the index when the source names it. */
export interface DocsLocation {
  /** The folder, ending in `/`. */
  base: string;
  /** The index file relative to `base`; undefined: try INDEX_FILES. */
  index?: string;
}

/**
 * A source as the user gives it: a folder of Box's docs (`…/ai-models/`), its index file
 * (`…/ai-models/index.mdx`), or a page's Markdown export (`https://developer.box.com/guides/box-ai/ai-models.md`,
 * whose cards are the exports under `…/ai-models/`).
 */
export function docsLocation(source: string): DocsLocation {
  const trimmed = source.trim().replace(/[\\/]+$/, '');
  const name = trimmed.split(/[\\/]/).pop() ?? '';
  if (!/\.mdx?$/i.test(name)) return { base: `${trimmed}/` };
  if (/^index\.mdx?$/i.test(name)) return { base: trimmed.slice(0, trimmed.length - name.length), index: name };
  return { base: `${trimmed.replace(/\.mdx?$/i, '')}/`, index: `../${name}` };
}

/** A file's name as the user would look for it: `base` and `name` joined, a leading `../` resolved. */
export function shownFile(base: string, name: string): string {
  return name.startsWith('../') ? base.replace(/[^/]+\/$/, '') + name.slice(3) : base + name;
}

/** How a face of the core reaches Box's docs: over the network, or in a folder of its own. */
export interface DocsAccess {
  /** An HTTP GET of a URL, through the face's proxy support. */
  fetch(url: string): Promise<FetchedFile>;
  /** A folder the user named (without its trailing slash): as messages show it (ending in `/`), and a file of it read (undefined: no such file). */
  folder(path: string): { where: string; readFile(name: string): Promise<string | undefined> };
  /** What to check when the network cannot be reached: the face's proxy setting. */
  proxyHint: string;
  /** Told each file as it is read (progress). */
  onFile?(name: string): void;
}

/** How the stored catalog names Box's own docs. */
const DEFAULT_DOCS_LABEL = "Box's developer docs (box/box-mintlify, main)";

/**
 * A reader of the docs a source names (docsLocation), for prepareUpdate: a URL (fetched), or a folder
 * (read); each failure an UpdateError written for the user. The extension and the command line differ
 * only in their DocsAccess.
 */
export function docsReader(source: string, access: DocsAccess): { read: ReadDocsFile; where: string; label: string; indexFile?: string } {
  const { base, index } = docsLocation(source);
  if (/^https?:\/\//i.test(source)) {
    const read: ReadDocsFile = async (name) => {
      access.onFile?.(name);
      try {
        return await access.fetch(new URL(name, base).href);
      } catch (error) {
        const why = (error as Error).message;
        throw new UpdateError(`Box's model docs could not be read: ${why}.${/cannot reach/.test(why) ? ` Check the connection, or ${access.proxyHint}.` : ''}`);
      }
    };
    return { read, where: base, label: base === DEFAULT_DOCS_SOURCE ? DEFAULT_DOCS_LABEL : base, indexFile: index };
  }
  const folder = access.folder(base.replace(/[\\/]$/, ''));
  const read: ReadDocsFile = async (name) => {
    access.onFile?.(name);
    let text: string | undefined;
    try {
      text = await folder.readFile(name);
    } catch (error) {
      throw new UpdateError(`${shownFile(folder.where, name)} could not be read (${(error as Error).message}).`);
    }
    return text === undefined ? { status: 404, text: '' } : { status: 200, text };
  };
  return { read, where: folder.where, label: folder.where, indexFile: index };
}

export interface DocsPages {
  /** The index file that was read, relative to the folder. */
  indexFile: string;
  index: IndexEntry[];
  /** Each card read: file name → the rows of its "Model details" table. */
  cards: Map<string, Map<string, string>>;
}

/**
 * Fetches the index, then the card each entry links to, with the index's extension. An entry whose
 * link leads to another model's card (Box's docs have one) is also looked up under the file name its
 * id implies. `where` is the folder as the user should read it, for messages.
 */
export async function readDocsPages(read: ReadDocsFile, where: string, indexFile?: string): Promise<DocsPages> {
  const index = await readIndexFile(read, where, indexFile);
  const shown = shownFile(where, index.name);
  const { entries, problems } = readModelIndex(index.text);
  if (problems.length) {
    throw new UpdateError(`${shown} could not be read: ${problems.slice(0, 2).join('; ')}${problems.length > 2 ? `; and ${problems.length - 2} more` : ''}. Box's page may be broken, or its layout changed.`);
  }
  if (entries.length === 0) {
    throw new UpdateError(`${shown} lists no models (no <CustomCard> or <Tile> entries): the layout of Box's docs may have changed.`);
  }
  const extension = /\.mdx$/i.test(index.name) ? '.mdx' : '.md';
  const cards = new Map<string, Map<string, string>>();
  const malformed: string[] = [];
  const readCard = async (file: string, answer: FetchedFile) => {
    const rows = readCardTable(markdownOf(file, answer, where));
    if (!rows.get('api model name')) malformed.push(file);
    cards.set(file, rows);
  };
  for (const slug of new Set(entries.map((e) => e.cardSlug))) {
    const file = `${slug}${extension}`;
    await readCard(file, await read(file));
  }
  // Entries whose linked card describes another model: try the card file their id implies.
  const described = new Set([...cards.values()].map((rows) => canonicalSpelling(rows.get('api model name') ?? '')));
  for (const entry of entries) {
    const file = `${cardSlugFor(entry.id)}${extension}`;
    if (described.has(canonicalSpelling(entry.id)) || cards.has(file)) continue;
    const answer = await read(file);
    if (answer.status !== 404) await readCard(file, answer); // with no card of its own, the importer reports the entry
  }
  if (malformed.length) {
    throw new UpdateError(
      `${malformed.length === 1 ? 'A model card' : `${malformed.length} model cards`} at ${where} could not be read (${malformed.slice(0, 3).join(', ')}${malformed.length > 3 ? ', …' : ''}: no "API model name" row in a "Model details" table).`,
    );
  }
  return { indexFile: index.name, index: entries, cards };
}

export interface ReadResult {
  models: ModelCard[];
  /** What the importer noticed but could reconcile (duplicate entries, corrections for models not listed). */
  warnings: string[];
}

/** Reads the docs (readDocsPages) and builds the models Box lists now, with the corrections applied. */
export async function readDocsSource(read: ReadDocsFile, corrections: unknown, where: string, indexFile?: string): Promise<ReadResult> {
  const pages = await readDocsPages(read, where, indexFile);
  const { models, warnings } = buildCatalog({ index: pages.index, cards: pages.cards, retired: new Map(), corrections });
  if (models.length === 0) throw new UpdateError(`No model could be read from ${where}.`);
  return { models, warnings };
}

/** The index: the file named, or the first of INDEX_FILES the folder has. */
async function readIndexFile(read: ReadDocsFile, where: string, named: string | undefined): Promise<{ name: string; text: string }> {
  for (const name of named ? [named] : INDEX_FILES) {
    const answer = await read(name);
    if (answer.status === 404 && !named) continue;
    return { name, text: markdownOf(name, answer, where) };
  }
  throw new UpdateError(`${where} has no ${INDEX_FILES.join(' or ')}: it is not a folder of Box's model docs.`);
}

/** The body of a file that must be Markdown or MDX; an HTTP error or a web page instead is an UpdateError. */
function markdownOf(name: string, file: FetchedFile, where: string): string {
  const shown = shownFile(where, name);
  if (file.status < 200 || file.status >= 300) throw new UpdateError(`${shown} answered HTTP ${file.status}.`);
  const looksLikePage = /^\s*(<!doctype html|<html[\s>])/i.test(file.text) || /^text\/html\b/i.test(file.contentType ?? '');
  if (looksLikePage) {
    throw new UpdateError(`${shown} is a web page, not Markdown: the catalog source must be the raw files of Box's docs, or a page's Markdown export (…/ai-models.md).`);
  }
  return file.text;
}

/** `aws__claude_4_sonnet` → `aws-claude-4-sonnet-model-card`, the file name Box's docs use for most cards. */
export function cardSlugFor(id: string): string {
  return `${id.replace(/_+/g, '-').replace(/\./g, '-')}-model-card`;
}

/** Ids compared regardless of the doubled underscores some cards write inside the name. */
function canonicalSpelling(id: string): string {
  return id.replace(/_+/g, '_').replace(/\./g, '_');
}
