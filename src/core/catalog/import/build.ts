// Builds the catalog entries from Box's model docs plus the hand-kept corrections (data/corrections.yaml).
// Used by `npm run catalog:import` and by the extension's catalog update; no `vscode`, no YAML parser.
import { Conflict, ModelCard, ParamsType, Status, Tokenizer } from '../model';
import { parseCardDate, parseTokenCount } from './read-docs';
import { IndexEntry } from './read-index';

export interface DocsInput {
  /** The entries of Box's supported-models page, in page order (read-index.ts). */
  index: IndexEntry[];
  /** Current model cards: file name → the rows of its "Model details" table (readCardTable). */
  cards: Map<string, Map<string, string>>;
  /** Cards Box removed: file name → its rows and the date it left Box's list. */
  retired: Map<string, { rows: Map<string, string>; on: string }>;
  /** data/corrections.yaml, parsed. */
  corrections: unknown;
}

export interface Corrections {
  conflicts: (Conflict & { model: string })[];
  successors: Record<string, string>;
}

const CARD_BASE = 'https://developer.box.com/guides/box-ai/ai-models/';
const STATUS_PILLS: Record<string, Status> = { Available: 'available', Preview: 'preview', Beta: 'beta' };
const KIND_PILLS = new Set(['Chat', 'Embeddings']);
/** Box's badge for models its agent (Box AI's agentic mode) can use, since the page of 2026-04-02. */
const BOX_AGENT_PILL = 'Compatible with Box Agent';
const TIER_PILLS = new Set(['Standard', 'Premium']);
/** Pill precedence when a tile carries more than one status: the more cautious one. */
const STATUS_ORDER: Status[] = ['beta', 'preview', 'available'];

/** Returns the catalog entries (sorted by id) and warnings about anything the docs leave unexplained. */
export function buildCatalog(input: DocsInput): { models: ModelCard[]; warnings: string[] } {
  const warnings: string[] = [];
  const corrections = readCorrections(input.corrections);
  const canonicalId = new Map<string, string>();
  for (const c of corrections.conflicts) if (c.field === 'id') canonicalId.set(c.other, c.model);
  const canonical = (id: string) => canonicalId.get(id) ?? id;

  const tiles = new Map<string, IndexEntry>();
  for (const tile of input.index) {
    const id = canonical(tile.id);
    const earlier = tiles.get(id);
    if (!earlier) tiles.set(id, tile);
    else if (earlier.pills.join('|') === tile.pills.join('|') && earlier.cardSlug === tile.cardSlug) warnings.push(`index shows the tile of ${id} twice; the copies agree, one is kept`);
    else warnings.push(`index shows the tile of ${id} twice, and the copies differ; the first is kept`);
  }

  const models: ModelCard[] = [];
  const cardFiles = [
    ...[...input.cards].map(([file, row]) => ({ file, row, retired: undefined as string | undefined })),
    ...[...input.retired].map(([file, { rows, on }]) => ({ file, row: rows, retired: on as string | undefined })),
  ];
  for (const { file, row, retired } of cardFiles) {
    const cardId = row.get('api model name');
    if (!cardId) {
      warnings.push(`${file}: no "API model name" row; skipped`);
      continue;
    }
    const id = canonical(cardId);
    const tile = tiles.get(id);
    tiles.delete(id);
    if (!tile && !retired) warnings.push(`${file}: ${id} is neither on the index nor retired`);
    models.push(fromCard(id, file, row, tile, retired));
  }
  for (const id of tiles.keys()) warnings.push(`index tile ${id} has no model card`);

  const byId = new Map(models.map((m) => [m.id, m]));
  for (const c of corrections.conflicts) {
    const model = byId.get(c.model);
    if (!model) {
      warnings.push(`corrections: ${c.model} is not in the docs`);
      continue;
    }
    applyConflict(model, c, warnings);
  }
  for (const [id, successor] of Object.entries(corrections.successors)) {
    const model = byId.get(id);
    if (!model) warnings.push(`corrections: successor given for unknown ${id}`);
    else if (!byId.has(successor)) warnings.push(`corrections: successor ${successor} of ${id} is unknown`);
    else model.successor = successor;
  }
  for (const model of models) {
    if (model.status === 'retired' && !model.successor) warnings.push(`${model.id}: retired without a successor`);
    for (const pending of model.conflicts.filter((c) => c.source === '?')) warnings.push(`${model.id}: ${pending.reason}`);
    model.conflicts = model.conflicts.filter((c) => c.source !== '?');
  }
  models.sort((a, b) => a.id.localeCompare(b.id));
  return { models, warnings };
}

function fromCard(
  id: string,
  file: string,
  row: Map<string, string>,
  tile: IndexEntry | undefined,
  retired: string | undefined,
): ModelCard {
  const notes: string[] = [];
  const conflicts: Conflict[] = [];
  const slug = file.replace(/\.mdx?$/, '');
  const pills = tile?.pills ?? [];
  const statuses = pills.filter((p) => p in STATUS_PILLS).map((p) => STATUS_PILLS[p]);
  const status: Status = retired ? 'retired' : STATUS_ORDER.find((s) => statuses.includes(s)) ?? 'available';
  if (!retired && statuses.length !== 1) {
    // Marked so that the corrections file must explain it (see applyConflict).
    conflicts.push({ field: 'status', chosen: status, other: statuses.join(' + ') || 'none', source: '?', reason: `index shows ${statuses.length} status pills` });
  }
  if (tile && tile.cardSlug !== slug) {
    conflicts.push({ field: 'cardUrl', chosen: slug, other: tile.cardSlug, source: '?', reason: `index tile links to ${tile.cardSlug}, not ${slug}` });
  }

  const tierText = row.get('model category')?.toLowerCase();
  const tierPill = pills.find((p) => TIER_PILLS.has(p))?.toLowerCase();
  const tier = tierText === 'standard' || tierText === 'premium' ? tierText : tierPill === 'standard' || tierPill === 'premium' ? tierPill : undefined;
  if (tierText && tierPill && tierText !== tierPill) {
    conflicts.push({ field: 'tier', chosen: tierText, other: tierPill, source: '?', reason: `card says ${tierText}, index says ${tierPill}` });
  }

  const kind = pills.includes('Embeddings') || /embedding/.test(id) ? 'embedding' : 'chat';
  if (tile && !pills.some((p) => KIND_PILLS.has(p))) notes.push(`Box's index shows no Chat/Embeddings pill; listed as ${kind} from its card.`);

  const dateField = (key: string, field: string): string | undefined => {
    const text = row.get(key);
    if (!text) return undefined;
    const date = parseCardDate(text);
    const year = /\b(\d{4})\b/.exec(text)?.[1];
    if (date) return date;
    if (year) {
      notes.push(`${field}: Box's card gives "${text}"; recorded as ${year}.`);
      return year;
    }
    if (!/^(not (provided|specified|applicable)|unknown)$/i.test(text)) notes.push(`${field}: Box's card gives "${text}", which names no date.`);
    return undefined;
  };

  const throughputText = row.get('empirical throughput') ?? '';
  let throughput: string | undefined;
  const range = /(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)/.exec(throughputText);
  if (/^\d+(\.\d+)?$/.test(throughputText)) throughput = throughputText;
  else if (range) throughput = `${range[1]}-${range[2]} (estimated)`;
  else if (throughputText && !/^not specified$/i.test(throughputText)) notes.push(`throughput: Box's card gives no figure for this model ("${throughputText}").`);

  const contextWindow = parseTokenCount(row.get('input context window') ?? '');
  if (contextWindow === undefined) notes.push('Box states no input context window for this model.');

  const paramsType = paramsTypeFor(id);
  if (!paramsType) notes.push(`Box's OpenAPI spec has no llm_endpoint_params type for ${id.split('__')[0]} models.`);
  if (retired) notes.push('Access level (core or customer-enabled) is unknown: the model left Box\'s list before it said.');
  if (tokenizerFor(id) === 'gemma3') notes.push("Counted with Gemma 3's tokenizer, as Google's own SDKs count Gemini 2.x and 3 locally; Google calls that count experimental and text-only.");
  if (tokenizerFor(id) === 'tekken') notes.push("Counted with Mistral's Tekken vocabulary of July 2024 (tekken_240718), which Mistral's other published Tekken files share; Mistral Small 3.1's own tokenizer file is not public.");

  const openSource = row.get('open source');
  return {
    id,
    aliases: [],
    name: row.get('model name') ?? id,
    provider: row.get('model provider') ?? '',
    hosting: row.get('hosting layer') ?? '',
    kind,
    tier,
    access: retired ? undefined : tile?.access,
    status,
    retiredOn: retired,
    released: dateField('release date', 'released'),
    knowledgeCutoff: dateField('knowledge cutoff date', 'knowledgeCutoff'),
    contextWindow,
    maxOutputTokens: parseTokenCount(row.get('maximum output tokens') ?? ''),
    throughput,
    openSource: openSource === undefined ? undefined : /^yes$/i.test(openSource),
    compliance: pills.filter((p) => !(p in STATUS_PILLS) && !KIND_PILLS.has(p) && !TIER_PILLS.has(p) && !p.startsWith('Default for ') && p !== BOX_AGENT_PILL),
    defaultFor: pills.filter((p) => p.startsWith('Default for ')).map((p) => p.slice('Default for '.length)),
    boxAgent: pills.includes(BOX_AGENT_PILL) || undefined,
    paramsType,
    tokenizer: tokenizerFor(id),
    cardUrl: `${CARD_BASE}${slug}/`,
    conflicts,
    notes,
  };
}

/** Applies one hand-kept decision: sets the chosen value and records what the other source said. */
function applyConflict(model: ModelCard, c: Conflict & { model: string }, warnings: string[]): void {
  const { model: _owner, ...conflict } = c;
  const pending = model.conflicts.findIndex((p) => p.source === '?' && p.field === c.field);
  if (pending >= 0) model.conflicts.splice(pending, 1);
  model.conflicts.push(conflict);
  const record = model as unknown as Record<string, unknown>;
  switch (c.field) {
    case 'id':
      if (!model.aliases.includes(c.other)) model.aliases.push(c.other);
      return;
    case 'cardUrl':
      return; // the card's own file already gives the URL; the conflict only records the index's link
    case 'contextWindow':
    case 'maxOutputTokens':
      record[c.field] = c.chosen === '' ? undefined : Number(c.chosen);
      break;
    default:
      record[c.field] = c.chosen === '' ? undefined : c.chosen;
  }
  if (record[c.field] === undefined) delete record[c.field];
  if (!(c.field in record) && c.chosen !== '') warnings.push(`${model.id}: correction for unknown field ${c.field}`);
}

function paramsTypeFor(id: string): ParamsType | undefined {
  if (id.startsWith('azure__openai__') || id.startsWith('openai__')) return 'openai_params';
  if (id.startsWith('google__')) return 'google_params';
  if (id.startsWith('aws__')) return 'aws_params';
  if (id.startsWith('ibm__')) return 'ibm_params';
  return undefined;
}

/**
 * OpenAI's GPT-4o/4.1/5 and o-series use o200k_base and ada-002 cl100k_base; Meta's Llama 3.x and 4
 * their own published vocabularies; Mistral Small 3.1 Mistral's Tekken; Gemini 2.x and 3 Gemma 3's
 * tokenizer, as Google's SDKs do. The rest have no public tokenizer and are estimated: Claude by a
 * method of its own, Grok, Mistral Medium and Titan by the general one (src/core/tokens/methods.ts).
 */
function tokenizerFor(id: string): Tokenizer {
  if (/^(azure__openai__|openai__)(gpt_4o|gpt_4_1|gpt_5|gpt_o\d)/.test(id)) return 'o200k_base';
  if (/text_embedding_ada_002$/.test(id)) return 'cl100k_base';
  if (/^ibm__llama_3_/.test(id)) return 'llama3';
  if (/^ibm__llama_4_/.test(id)) return 'llama4';
  if (/^ibm__mistral_small_3_1/.test(id)) return 'tekken';
  if (/^aws__claude_/.test(id)) return 'claude-estimate';
  if (/^google__gemini_[23]_/.test(id)) return 'gemma3';
  return 'estimate';
}

function readCorrections(data: unknown): Corrections {
  const given = (typeof data === 'object' && data !== null ? data : {}) as Partial<Corrections>;
  return { conflicts: Array.isArray(given.conflicts) ? given.conflicts : [], successors: given.successors ?? {} };
}

