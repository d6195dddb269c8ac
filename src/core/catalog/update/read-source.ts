// Reads Box's published model docs (the folder content/guides/box-ai/ai-models/ of Box's docs
// repository: index.md and one markdown card per model) through any reader, and builds the catalog with
// the same importer as `npm run catalog:import`. Every way this can fail ends in one UpdateError whose
// message is written for the user; nothing here touches the catalog in use.
import { buildCatalog } from '../import/build';
import { readCardTable, readIndexTiles } from '../import/read-docs';
import { ModelCard } from '../model';

/** Box's docs repository, raw files of the folder that holds the model index and cards. */
export const DEFAULT_DOCS_SOURCE = 'https://raw.githubusercontent.com/box/developer.box.com/main/content/guides/box-ai/ai-models/';
export const INDEX_FILE = 'index.md';

/** What a reader got for one file: an HTTP answer, or a file read from a folder (status 200). */
export interface FetchedFile {
  status: number;
  contentType?: string;
  text: string;
}

/** Reads one file of the docs folder by name (`index.md`, `<card>.md`). Throws UpdateError when it cannot. */
export type ReadDocsFile = (name: string) => Promise<FetchedFile>;

/** A failed update, with the one message the user sees. */
export class UpdateError extends Error {}

export interface ReadResult {
  models: ModelCard[];
  /** What the importer noticed but could reconcile (duplicate tiles, corrections for models not listed). */
  warnings: string[];
}

/**
 * Fetches the index, then the card each tile links to. A tile whose link leads to another model's
 * card (Box's docs have one) is looked up under the file name its id implies.
 */
export async function readDocsSource(read: ReadDocsFile, corrections: unknown, where: string): Promise<ReadResult> {
  const indexMarkdown = markdownOf(INDEX_FILE, await read(INDEX_FILE), where);
  const tiles = readIndexTiles(indexMarkdown);
  if (tiles.length === 0) {
    throw new UpdateError(`${where}${INDEX_FILE} lists no models (no <Tile> entries): the layout of Box's docs may have changed. The catalog in use is unchanged.`);
  }

  const cards = new Map<string, string>();
  const idOfCard = new Map<string, string | undefined>();
  const malformed: string[] = [];
  for (const slug of new Set(tiles.map((t) => t.cardSlug))) {
    const file = `${slug}.md`;
    const markdown = markdownOf(file, await read(file), where);
    const id = readCardTable(markdown).get('api model name');
    if (!id) malformed.push(file);
    cards.set(file, markdown);
    idOfCard.set(file, id);
  }
  // Tiles whose linked card describes another model: try the card file their id implies.
  const described = new Set([...idOfCard.values()].map((id) => id && canonicalSpelling(id)));
  for (const tile of tiles) {
    if (described.has(canonicalSpelling(tile.id))) continue;
    const file = `${cardSlugFor(tile.id)}.md`;
    if (cards.has(file)) continue;
    const answer = await read(file);
    if (answer.status === 404) continue; // the importer reports the tile without a card
    const markdown = markdownOf(file, answer, where);
    if (!readCardTable(markdown).get('api model name')) malformed.push(file);
    cards.set(file, markdown);
  }
  if (malformed.length) {
    throw new UpdateError(
      `${malformed.length === 1 ? 'A model card' : `${malformed.length} model cards`} at ${where} could not be read (${malformed.slice(0, 3).join(', ')}${malformed.length > 3 ? ', …' : ''}: no "API model name" row in a "Model details" table). The catalog in use is unchanged.`,
    );
  }

  const { models, warnings } = buildCatalog({ cards, retiredCards: new Map(), retiredTsv: '', indexMarkdown, corrections });
  if (models.length === 0) throw new UpdateError(`No model could be read from ${where}. The catalog in use is unchanged.`);
  return { models, warnings };
}

/** The body of a file that must be markdown; an HTTP error or a web page instead is an UpdateError. */
function markdownOf(name: string, file: FetchedFile, where: string): string {
  if (file.status < 200 || file.status >= 300) {
    throw new UpdateError(`${where}${name} answered HTTP ${file.status}. The catalog in use is unchanged.`);
  }
  const looksLikePage = /^\s*(<!doctype html|<html[\s>])/i.test(file.text) || /^text\/html\b/i.test(file.contentType ?? '');
  if (looksLikePage) {
    throw new UpdateError(`${where}${name} is a web page, not markdown: the catalog source must point at the raw files of Box's docs. The catalog in use is unchanged.`);
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
