// A catalog update as plain data: read Box's docs, judge whether what was read can stand for Box's
// list, build the next catalog, and say what changes. The extension (and any other face of the core)
// only asks the user and stores the result.
import { Catalog, catalogFromData, describeOrigin, formatProblem } from '../catalog';
import { ModelCard } from '../model';
import { CatalogChanges, carryForward, catalogChanges } from './changes';
import { readDocsSource, ReadDocsFile, UpdateError } from './read-source';

/** What an update read, for its messages: "35 models, the newest Google Gemini 3 Flash, released 2025-12-17". */
export interface ReadSummary {
  models: number;
  newest?: ModelCard;
}

export interface PreparedUpdate {
  /** The catalog file to store (`version`, `source`, `asOf`, `models`). */
  data: { version: 1; source: string; asOf: string; models: ModelCard[] };
  next: Catalog;
  changes: CatalogChanges;
  read: ReadSummary;
  /** What the importer reconciled on the way (for the log). */
  warnings: string[];
}

export interface UpdateInput {
  read: ReadDocsFile;
  /** The folder as messages show it. */
  where: string;
  /** The index file, when the source names one (docsLocation). */
  indexFile?: string;
  /** How the stored catalog names its source. */
  label: string;
  /** The catalog in use, without users' files. */
  base: Catalog;
  corrections: unknown;
  /** Today, YYYY-MM-DD: the new catalog's date. */
  checkedOn: string;
}

/**
 * Reads the source and prepares the next catalog; throws UpdateError (nothing applied) when the read
 * cannot stand for Box's list: an older copy of the docs (fewer models, and none newer than the
 * catalog's newest), or a page that lost many of the models in use at once.
 */
export async function prepareUpdate({ read, where, indexFile, label, base, corrections, checkedOn }: UpdateInput): Promise<PreparedUpdate> {
  const { models, warnings } = await readDocsSource(read, corrections, where, indexFile);
  const summary: ReadSummary = { models: models.length, newest: newestOf(models) };
  const current = base.models.filter((m) => m.status !== 'retired');
  const listed = new Set(models.flatMap((m) => [m.id, ...m.aliases]));
  const missing = current.filter((m) => !listed.has(m.id));
  const newestInUse = newestOf(current);
  const readAs = `${where} lists ${describeRead(summary)}`;
  if (missing.length > 0 && newestInUse?.released && (summary.newest?.released ?? '') < newestInUse.released) {
    throw new UpdateError(
      `${readAs}: ${missing.length} fewer than the catalog in use (${describeOrigin(base.origin)}), and none released after its newest, ${newestInUse.name} (${newestInUse.released}). It looks like an older copy of Box's docs, so no model is retired on its word.`,
    );
  }
  if (missing.length > Math.max(3, current.length / 4)) {
    throw new UpdateError(
      `${readAs}, without ${missing.length} of the ${current.length} current models of the catalog in use (${missing.slice(0, 3).map((m) => m.id).join(', ')}, …). A page that lost that many models at once is taken for a partial or changed page, so no model is retired on its word.`,
    );
  }
  const data = { version: 1 as const, source: label, asOf: checkedOn, models: carryForward(base, models, checkedOn) };
  const next = catalogFromData(JSON.parse(JSON.stringify(data)), where);
  if (next.problems.length) throw new UpdateError(`The docs at ${where} gave a model the catalog cannot use (${formatProblem(next.problems[0])}).`);
  return { data, next, changes: catalogChanges(base.models, next.models), read: summary, warnings };
}

/** "35 models, the newest Google Gemini 3 Flash (released 2025-12-17)". */
export function describeRead(read: ReadSummary): string {
  const count = `${read.models} model${read.models === 1 ? '' : 's'}`;
  return read.newest ? `${count}, the newest ${read.newest.name} (released ${read.newest.released})` : count;
}

/** The model with the latest release date (dates of any precision compare as text); ties go to the first id. */
function newestOf(models: readonly ModelCard[]): ModelCard | undefined {
  let newest: ModelCard | undefined;
  for (const model of models) if (model.released && (!newest?.released || model.released > newest.released)) newest = model;
  return newest;
}
