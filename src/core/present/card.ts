import { Catalog, describeOrigin } from '../catalog/catalog';
import { ModelCard, Status } from '../catalog/model';
import { bandText, countingMethod } from '../tokens/methods';
import { compactTokens, escapeMarkdown, groupDigits, inlineCode } from './format';

const STATUS_LABEL: Record<Status, string> = { available: 'Available', preview: 'Preview', beta: 'Beta', retired: 'Retired' };
const FIELD_LABEL: Record<string, string> = {
  id: 'API name', provider: 'provider', released: 'release date', knowledgeCutoff: 'knowledge cutoff', status: 'status',
  tier: 'tier', cardUrl: 'card link', contextWindow: 'context window', maxOutputTokens: 'max output tokens',
};

/** One line for a completion item's detail: display name, tier, context window. */
export function modelDetail(model: ModelCard): string {
  const parts = [model.name];
  if (model.tier) parts.push(capitalise(model.tier));
  if (model.contextWindow) parts.push(`${compactTokens(model.contextWindow)} context`);
  if (model.status !== 'available') parts.push(STATUS_LABEL[model.status]);
  return parts.join(' · ');
}

/** One line for the token counter's model list: context window, tier, kind, status, exactness. */
export function modelPickDetail(model: ModelCard): string {
  const facts = [
    model.contextWindow ? `${compactTokens(model.contextWindow)} context` : 'context window not stated',
    model.tier && `${capitalise(model.tier)} tier`,
    model.kind === 'embedding' && 'embedding',
    model.status !== 'available' && STATUS_LABEL[model.status],
    countingLabel(model, `exact (${model.tokenizer})`, '≈ estimated count'),
  ];
  return facts.filter(Boolean).join(' · ');
}

/** One line for the models view: tier, status, context window, max output tokens, exactness. */
export function modelViewDescription(model: ModelCard): string {
  const facts = [
    model.tier && capitalise(model.tier),
    model.status !== 'available' && STATUS_LABEL[model.status],
    model.contextWindow ? `${compactTokens(model.contextWindow)} in` : '? in',
    model.maxOutputTokens ? `${compactTokens(model.maxOutputTokens)} out` : model.kind === 'embedding' ? 'embeddings' : '? out',
    countingLabel(model, 'exact count', '≈ count'),
  ];
  return facts.filter(Boolean).join(' · ');
}

/** `exact` for a model counted exactly, else `estimate` followed by its band (`≈ count ±3%`). */
function countingLabel(model: ModelCard, exact: string, estimate: string): string {
  const method = countingMethod(model);
  return method.band ? `${estimate} ${bandText(method.band)}` : exact;
}

/** How the token counter treats this model, in words. */
export function tokenizerSummary(model: ModelCard): string {
  return countingMethod(model).summary;
}

/**
 * The model's card as Markdown: every catalog fact, its status, the tokenizer and limit facts, the
 * decisions taken where Box's docs disagree, and a link to Box's card. Every catalog value is escaped.
 * `written` is the text found in the document, when it is an alias rather than the id.
 */
export function modelCardMarkdown(model: ModelCard, catalog: Catalog, written?: string): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(model.name)}** ${inlineCode(model.id)}`);
  lines.push('');
  const badges = [STATUS_LABEL[model.status], model.tier && capitalise(model.tier), model.access && capitalise(model.access), model.kind === 'embedding' ? 'Embeddings' : 'Chat'];
  lines.push(badges.filter(Boolean).map((b) => escapeMarkdown(b as string)).join(' · '));
  lines.push('');

  if (written && written !== model.id) {
    lines.push(`⚠️ ${inlineCode(written)} is another spelling of this model seen in Box's docs; the API documents ${inlineCode(model.id)}.`);
    lines.push('');
  }
  if (model.status === 'retired') {
    const successor = model.successor ? catalog.get(model.successor) : undefined;
    const move = successor ? ` Consider ${inlineCode(successor.id)} (${escapeMarkdown(successor.name)}).` : '';
    lines.push(`⛔ Retired: left Box's list of models on ${escapeMarkdown(model.retiredOn ?? 'an unknown date')}. Requests naming it are expected to fail.${move}`);
    lines.push('');
  } else if (model.status !== 'available') {
    lines.push(`${STATUS_LABEL[model.status]}: Box may change or withdraw this model; output quality and availability can vary.`);
    lines.push('');
  }

  const rows: [string, string | undefined][] = [
    ['Provider', model.provider],
    ['Hosting', model.hosting],
    ['Released', model.released],
    ['Knowledge cutoff', model.knowledgeCutoff],
    ['Input context window', model.contextWindow !== undefined ? `${groupDigits(model.contextWindow)} tokens` : 'not stated by Box'],
    ['Max output tokens', model.maxOutputTokens !== undefined ? `${groupDigits(model.maxOutputTokens)} tokens` : model.kind === 'embedding' ? 'not applicable' : 'not stated by Box'],
    ['Throughput', model.throughput && `${model.throughput} tokens/s`],
    ['Token count', tokenizerSummary(model)],
    ['Open source', model.openSource === undefined ? undefined : model.openSource ? 'Yes' : 'No'],
    ['llm_endpoint_params.type', model.paramsType],
    ['Compliance', model.compliance.join(', ') || undefined],
    ['Default for', model.defaultFor.join('; ') || undefined],
    ['Box Agent', model.boxAgent ? 'Compatible' : undefined],
    ['Other spellings', model.aliases.join(', ') || undefined],
  ];
  lines.push('| | |', '|---|---|');
  for (const [label, value] of rows) if (value) lines.push(`| ${label} | ${escapeMarkdown(value)} |`);
  lines.push('');

  for (const c of model.conflicts) {
    const field = FIELD_LABEL[c.field] ?? c.field;
    const chosen = c.chosen === '' ? 'left out' : `using ${escapeMarkdown(c.chosen)}`;
    lines.push(`*Box's docs disagree on the ${escapeMarkdown(field)}:* ${escapeMarkdown(c.source)} says ${escapeMarkdown(c.other)}; ${chosen}. ${escapeMarkdown(c.reason)}`);
    lines.push('');
  }
  for (const note of model.notes) {
    lines.push(`*Note:* ${escapeMarkdown(note)}`);
    lines.push('');
  }
  lines.push(`*Catalog: ${escapeMarkdown(describeOrigin(catalog.origin))}*`);
  lines.push('');
  lines.push(`[Box model card](${model.cardUrl.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`);
  return lines.join('\n');
}

/**
 * Sort key for completion: Available before Preview before Beta, then newest release first, then id.
 * Kept as a string because editors sort items by `sortText`.
 */
export function completionSortText(model: ModelCard): string {
  const statusRank = { available: 0, preview: 1, beta: 2, retired: 3 }[model.status];
  const released = (model.released ?? '0000').padEnd(10, '-00');
  // Invert the date digits so that a plain ascending sort puts newer dates first.
  const inverted = released.replace(/\d/g, (d) => String(9 - Number(d)));
  return `${statusRank}-${inverted}-${model.id}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
