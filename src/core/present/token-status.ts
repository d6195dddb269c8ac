import { ModelCard } from '../catalog/model';
import { BOX_TEXT_LIMIT } from '../limits';
import { ChoiceReason, FALLBACK_AGENT, ResolvedModel } from '../tokens/model-choice';
import { Count } from '../tokens/count';
import { MAX_EXACT_PIECE } from '../tokens/encodings';
import { Band, bandText, CountingMethod, GENERAL_ESTIMATE } from '../tokens/methods';
import { compactTokens, escapeMarkdown, groupDigits, inlineCode } from './format';

/** What the status bar shows for one finished count. */
export interface TokenReport {
  /** The model's count: exact, or the estimate (the encoding's count times the method's factor). */
  count: Count;
  model: ModelCard;
  reason: ChoiceReason;
  /** The encoding is exact for this model (else the count is an estimate built on it). */
  exact: boolean;
  encoding: string;
  /** How the estimate was made, and its expected error (estimates only). */
  estimate?: { summary: string; band: Band };
  /** Something the user should know about this count (why an exact count fell back to the estimate). */
  note?: string;
  /** The model's own encoding, when its vocabulary could not be used (so `encoding` is the estimate's). */
  unusable?: { encoding: string; why: string };
  /** Counted selections instead of the whole file: how many. */
  selections: number;
  /**
   * The text is longer than Box's text limit (BOX_TEXT_LIMIT): the tokens Box reads (the model's count
   * of the text up to the cut, an estimate where `count` is), the text's size, and which limit binds
   * first: `box` when what Box reads fits the window, `window` when the window is passed before the cut.
   */
  boxCut?: { tokensRead: number; bytes: number; binds: 'box' | 'window' };
}

/** A count as the counter made it, in the encoding's own tokens. */
export interface CountOutcome {
  count: Count;
  /** The encoding counted with. */
  encoding: string;
  /** Why the model's own vocabulary could not be used (then `encoding` is the general estimate's). */
  unusable?: string;
  /** Where the text passes Box's text limit, and the count before that point. */
  cut?: { offset: number; tokens: Count; bytes: number };
  /** Where the count passes the window's limit (windowLimit). */
  crossing?: { offset: number };
}

/** The encoding's count past which the model's window is passed: for an estimate, its highest reading. */
export function windowLimit(model: ModelCard, method: CountingMethod): number | undefined {
  const window = model.contextWindow;
  return window && Math.floor(window / (method.factor * (1 + (method.band?.high ?? 0))));
}

/** The report of one count against one model: the extension's status bar and the command line show the same. */
export function tokenReport({ model, reason }: ResolvedModel, method: CountingMethod, outcome: CountOutcome, selections: number): TokenReport {
  // A vocabulary that could not be used was replaced by the general estimate's encoding.
  const estimated = outcome.unusable === undefined ? method : GENERAL_ESTIMATE;
  const { cut, crossing } = outcome;
  return {
    count: { ...outcome.count, tokens: Math.round(outcome.count.tokens * estimated.factor) },
    model,
    reason,
    exact: estimated.exact,
    encoding: outcome.encoding,
    estimate: estimated.band && outcome.unusable === undefined ? { summary: estimated.summary, band: estimated.band } : undefined,
    unusable: outcome.unusable === undefined ? undefined : { encoding: method.encoding, why: outcome.unusable },
    selections,
    // The window binds first when it is passed before the point where Box stops reading.
    boxCut: cut && {
      tokensRead: Math.round(cut.tokens.tokens * estimated.factor),
      bytes: cut.bytes,
      binds: crossing && crossing.offset < cut.offset ? 'window' : 'box',
    },
  };
}

export type Level = 'ok' | 'warning' | 'error';

/** An estimate is shown with `≈` wherever the number appears. */
function isEstimate(report: TokenReport): boolean {
  return !report.exact || report.count.approximate;
}

function tokensText(report: TokenReport, n = report.count.tokens): string {
  return `${isEstimate(report) ? '≈' : ''}${groupDigits(n)}`;
}

/** The estimate's band after the number (` ±3%`), or nothing for an exact count. */
function bandSuffix(report: TokenReport): string {
  return report.estimate ? ` ${bandText(report.estimate.band)}` : '';
}

/** `12,345 / 200k tokens · GPT-5`; `≈12,345 ±3% / 200k tokens · Claude 3.7 Sonnet` for an estimate; `… tokens selected · …` for selections. */
export function statusText(report: TokenReport): string {
  const limit = report.model.contextWindow ? ` / ${compactTokens(report.model.contextWindow)}` : '';
  const box = report.boxCut?.binds === 'box' ? ` · Box reads ${BOX_TEXT_LIMIT.shown}` : '';
  return `${tokensText(report)}${bandSuffix(report)}${limit} tokens${report.selections > 0 ? ' selected' : ''}${box} · ${report.model.name}`;
}

/** The lowest and highest count the estimate allows (both the count itself when it is exact). */
export function countRange(report: TokenReport): { lowest: number; highest: number } {
  const band = report.estimate?.band ?? { low: 0, high: 0 };
  return { lowest: Math.floor(report.count.tokens * (1 + band.low)), highest: Math.ceil(report.count.tokens * (1 + band.high)) };
}

/** Share of the context window used, or undefined when Box does not state the window. */
function usedShare(report: TokenReport): number | undefined {
  return report.model.contextWindow ? report.count.tokens / report.model.contextWindow : undefined;
}

/**
 * Warning from `warningPercent` of the window on, error past it. For an estimate: error when even its
 * lowest count is past the window, warning when its highest may be.
 */
export function level(report: TokenReport, warningPercent: number): Level {
  if (report.boxCut?.binds === 'box') return 'error'; // part of the text never reaches the model
  const share = usedShare(report);
  const window = report.model.contextWindow;
  if (share === undefined || !window) return 'ok';
  const { lowest, highest } = countRange(report);
  if (lowest > window) return 'error';
  return highest > window || share * 100 >= warningPercent ? 'warning' : 'ok';
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
  else if (report.estimate) {
    const { lowest, highest } = countRange(report);
    lines.push(`≈ Estimate, ${bandText(report.estimate.band)}: ${groupDigits(lowest)}–${groupDigits(highest)} tokens. ${capitalise(escapeMarkdown(report.estimate.summary))}.`);
  } else if (report.unusable) lines.push(`≈ Estimate: the ${inlineCode(report.unusable.encoding)} vocabulary could not be loaded (${escapeMarkdown(report.unusable.why)}); counted with ${inlineCode(report.encoding)} instead. See *Box AI: Show Log*.`);
  else lines.push(`≈ Estimate: there is no public tokenizer for ${escapeMarkdown(model.name)}; counted with ${inlineCode(report.encoding)}, which can differ from the model's own count by a fifth or more.`);
  if (report.note) lines.push(`⚠️ ${escapeMarkdown(report.note)}`);
  if (count.approximate) lines.push(`≈ Runs of over ${groupDigits(MAX_EXACT_PIECE)} characters without a break were estimated rather than encoded.`);
  if (model.contextWindow) {
    const left = model.contextWindow - count.tokens;
    lines.push(left >= 0 ? `${tokensText(report, left)} tokens remaining.` : `**Over the limit by ${tokensText(report, -left)} tokens.**`);
  } else {
    lines.push('Box does not state this model\'s context window.');
  }
  if (report.boxCut) lines.push(boxLimitText(report, report.boxCut));
  if (model.maxOutputTokens) lines.push(`Max output: ${groupDigits(model.maxOutputTokens)} tokens.`);
  lines.push(`[Model card](${model.cardUrl}) · [Change model](${commandLink})`);
  return lines.join('\n\n');
}

/**
 * The marker's message at the place the window is exceeded; for an estimate, where its highest count
 * would pass it: "may exceed" while the lowest stays within, "exceeds" once even the lowest is past.
 */
export function overflowMessage(report: TokenReport): string {
  const window = report.model.contextWindow ?? 0;
  const where = report.selections > 0 ? 'The selection' : 'This file';
  const name = `${report.model.name}'s ${compactTokens(window)}-token context window`;
  if (report.estimate && countRange(report).lowest <= window) {
    return `${where} may exceed ${name}: ${tokensText(report)} tokens ${bandText(report.estimate.band)} (${groupDigits(countRange(report).highest)} at most), and here the highest estimate passes the limit.`;
  }
  const over = report.count.tokens - window;
  return `${where} exceeds ${name} by ${tokensText(report, over)} tokens (${tokensText(report)}${bandSuffix(report)} in all): the limit is passed here.`;
}

/** The tooltip's account of both limits when the text is longer than Box's, and which binds first. */
function boxLimitText(report: TokenReport, cut: NonNullable<TokenReport['boxCut']>): string {
  const what = report.selections > 0 ? 'The selected text' : 'This file';
  const window = report.model.contextWindow;
  const read = `${what} is ${megabytes(cut.bytes)}: Box AI reads its first ${BOX_TEXT_LIMIT.shown} (${groupDigits(BOX_TEXT_LIMIT.value)} bytes of text, ${tokensText(report, cut.tokensRead)} tokens) and ignores the rest, with no error.`;
  const limits = `Limits: ${window ? `the model's context window, ${groupDigits(window)} tokens` : 'no context window stated by Box'}; Box's text limit, ${BOX_TEXT_LIMIT.shown}.`;
  const binds = cut.binds === 'box' ? "**Box's text limit binds first**: what Box reads fits the context window." : '**The context window binds first**: it is passed before Box stops reading.';
  return `${read} ${limits} ${binds}`;
}

/**
 * The marker's message where Box stops reading (when its text limit binds before the window): what it
 * reads there, and that it ignores the rest.
 */
export function boxCutMessage(report: TokenReport): string {
  const cut = report.boxCut!;
  const what = report.selections > 0 ? 'the selected text' : 'this file';
  const window = report.model.contextWindow;
  const fits = window ? `, within ${report.model.name}'s ${compactTokens(window)}-token context window` : '';
  return `Box AI stops reading here: it reads the first ${BOX_TEXT_LIMIT.shown} of a file's text and ignores the rest of ${what} (${megabytes(cut.bytes - BOX_TEXT_LIMIT.value)} more), with no error. Box reads ${tokensText(report, cut.tokensRead)} tokens${fits}.`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function percent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}
