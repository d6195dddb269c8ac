import { ModelCard } from '../catalog/model';
import { ChoiceReason, FALLBACK_AGENT } from '../tokens/model-choice';
import { Count } from '../tokens/count';
import { MAX_EXACT_PIECE } from '../tokens/encodings';
import { compactTokens, escapeMarkdown, groupDigits, inlineCode } from './format';

/** What the status bar shows for one finished count. */
export interface TokenReport {
  count: Count;
  model: ModelCard;
  reason: ChoiceReason;
  /** The encoding is exact for this model (else the count is an estimate with o200k_base). */
  exact: boolean;
  encoding: string;
  /** The model's own encoding, when its vocabulary could not be used (so `encoding` is the estimate's). */
  unusable?: { encoding: string; why: string };
  /** Counted selections instead of the whole file: how many. */
  selections: number;
}

export type Level = 'ok' | 'warning' | 'error';

/** An estimate is shown with `≈` wherever the number appears. */
function isEstimate(report: TokenReport): boolean {
  return !report.exact || report.count.approximate;
}

function tokensText(report: TokenReport, n = report.count.tokens): string {
  return `${isEstimate(report) ? '≈' : ''}${groupDigits(n)}`;
}

/** `12,345 / 200k tokens · Claude 3.7 Sonnet`, or `… tokens selected · …` for selections. */
export function statusText(report: TokenReport): string {
  const limit = report.model.contextWindow ? ` / ${compactTokens(report.model.contextWindow)}` : '';
  return `${tokensText(report)}${limit} tokens${report.selections > 0 ? ' selected' : ''} · ${report.model.name}`;
}

/** Share of the context window used, or undefined when Box does not state the window. */
function usedShare(report: TokenReport): number | undefined {
  return report.model.contextWindow ? report.count.tokens / report.model.contextWindow : undefined;
}

/** Warning from `warningPercent` of the window on, error past it. */
export function level(report: TokenReport, warningPercent: number): Level {
  const share = usedShare(report);
  if (share === undefined) return 'ok';
  if (share > 1) return 'error';
  return share * 100 >= warningPercent ? 'warning' : 'ok';
}

/** The tooltip as Markdown: percentage, exactness and why, remaining tokens, output limit, links. */
export function tooltipMarkdown(report: TokenReport, commandLink: string): string {
  const { model, count } = report;
  const what = report.selections > 1 ? `${report.selections} selections` : report.selections === 1 ? 'the selection' : 'this file';
  const lines: string[] = [];
  const share = usedShare(report);
  const of = model.contextWindow ? ` of ${groupDigits(model.contextWindow)}` : '';
  lines.push(`**${tokensText(report)}${of} tokens** in ${what}${share !== undefined ? ` (${percent(share)} of the context window)` : ''}`);
  lines.push(`Model: **${escapeMarkdown(model.name)}** ${inlineCode(model.id)}, ${reasonText(report.reason)}`);
  if (report.exact) lines.push(`Exact count with the model's tokenizer, ${inlineCode(report.encoding)}.`);
  else if (report.unusable) lines.push(`≈ Estimate: the ${inlineCode(report.unusable.encoding)} vocabulary could not be loaded (${escapeMarkdown(report.unusable.why)}); counted with ${inlineCode(report.encoding)} instead. See *Box AI: Show Log*.`);
  else lines.push(`≈ Estimate: there is no public tokenizer for ${escapeMarkdown(model.name)}; counted with ${inlineCode(report.encoding)}, which can differ from the model's own count by a fifth or more.`);
  if (count.approximate) lines.push(`≈ Runs of over ${groupDigits(MAX_EXACT_PIECE)} characters without a break were estimated rather than encoded.`);
  if (model.contextWindow) {
    const left = model.contextWindow - count.tokens;
    lines.push(left >= 0 ? `${tokensText(report, left)} tokens remaining.` : `**Over the limit by ${tokensText(report, -left)} tokens.**`);
  } else {
    lines.push('Box does not state this model\'s context window.');
  }
  if (model.maxOutputTokens) lines.push(`Max output: ${groupDigits(model.maxOutputTokens)} tokens.`);
  lines.push(`[Model card](${model.cardUrl}) · [Change model](${commandLink})`);
  return lines.join('\n\n');
}

/** The marker's message at the place the window is exceeded. */
export function overflowMessage(report: TokenReport): string {
  const over = report.count.tokens - (report.model.contextWindow ?? 0);
  const where = report.selections > 0 ? 'The selection' : 'This file';
  return `${where} exceeds ${report.model.name}'s ${compactTokens(report.model.contextWindow ?? 0)}-token context window by ${tokensText(report, over)} tokens (${tokensText(report)} in all): the limit is passed here.`;
}

function reasonText(reason: ChoiceReason): string {
  switch (reason.kind) {
    case 'chosen':
      return 'as chosen.';
    case 'named':
      return 'named in this file\'s override (automatic).';
    case 'fallback':
      return reason.named === 0
        ? `the default of ${FALLBACK_AGENT} (automatic: this file names no model).`
        : `the default of ${FALLBACK_AGENT} (automatic: this file names ${reason.named} models).`;
  }
}

function percent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}
