// `count`: a file's tokens against a model, as the extension's status bar counts them (the same engines,
// blocks and report), with Box's 2 MB text limit and a verdict.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../core/catalog/catalog';
import { locateSlots, SUPPORTED_LANGUAGES } from '../core/locate';
import { BOX_TEXT_LIMIT } from '../core/limits';
import { groupDigits } from '../core/present/format';
import { level, statusText, tokenReport, TokenReport, windowLimit } from '../core/present/token-status';
import { TokenDocument } from '../core/tokens/document';
import { EncodingName } from '../core/tokens/encodings';
import { TokenEngine, vocabularyFile } from '../core/tokens/engine';
import { Engines, VocabularyError } from '../worker/engines';
import { bandText, countingMethod, GENERAL_ESTIMATE } from '../core/tokens/methods';
import { AUTOMATIC, resolveModel } from '../core/tokens/model-choice';
import { languageOfPath } from './files';
import { UsageError } from './io';

export type Verdict = 'fits' | 'near-window' | 'over-window' | 'over-box-limit';

export interface CountResult {
  file: string;
  report: TokenReport;
  verdict: Verdict;
}

/** Engines made from the vocabularies shipped beside the command (`ranks/`), each read and made on first use. */
export class EngineShelf {
  private readonly engines = new Engines();
  private readonly read = new Set<EncodingName>();
  private readonly broken = new Map<EncodingName, Error>();

  constructor(private readonly folder: string = join(__dirname, 'ranks')) {}

  /** The encoding's engine, or why its vocabulary cannot be used. */
  get(encoding: EncodingName): TokenEngine | Error {
    const broken = this.broken.get(encoding);
    if (broken) return broken;
    try {
      if (!this.read.has(encoding)) this.engines.add(encoding, readFileSync(join(this.folder, vocabularyFile(encoding))));
      this.read.add(encoding);
      return this.engines.get(encoding);
    } catch (error) {
      const why = error instanceof VocabularyError ? error : new Error(`the ${encoding} vocabulary cannot be used: ${(error as Error).message}`);
      this.broken.set(encoding, why);
      return why;
    }
  }
}

/** Counts one text against the chosen model (`auto`: the one model the text names, else Box's default). */
export function countText(file: string, text: string, choice: string, catalog: Catalog, shelf: EngineShelf, warningPercent = 90): CountResult {
  const languageId = languageOfPath(file);
  // Only an automatic choice looks for the models the text names.
  const named = choice === AUTOMATIC && languageId && SUPPORTED_LANGUAGES.includes(languageId) ? locateSlots(text, languageId).filter((s) => s.key === 'model' && s.kind === 'chat').map((s) => s.value) : [];
  const resolved = resolveModel(choice, named, catalog);
  if (!resolved) throw new UsageError('the model catalog holds no model to count against');
  const method = countingMethod(resolved.model);
  let engine = shelf.get(method.encoding);
  let unusable: string | undefined;
  if (engine instanceof Error) {
    unusable = engine.message;
    engine = shelf.get(GENERAL_ESTIMATE.encoding);
    if (engine instanceof Error) throw engine;
  }
  const limit = unusable === undefined ? windowLimit(resolved.model, method) : undefined;
  const measured = new TokenDocument(text, engine).measure([], limit, BOX_TEXT_LIMIT.value);
  const report = tokenReport(resolved, method, { ...measured, encoding: engine.encoding, unusable }, 0);
  return { file, report, verdict: verdictOf(report, warningPercent) };
}

function verdictOf(report: TokenReport, warningPercent: number): Verdict {
  if (report.boxCut?.binds === 'box') return 'over-box-limit';
  const shown = level(report, warningPercent);
  return shown === 'error' ? 'over-window' : shown === 'warning' ? (report.model.contextWindow && report.count.tokens > report.model.contextWindow ? 'over-window' : 'near-window') : 'fits';
}

const VERDICT_TEXT: Record<Verdict, string> = {
  fits: 'fits',
  'near-window': 'near the window',
  'over-window': 'does not fit the window',
  'over-box-limit': `Box reads only the first ${BOX_TEXT_LIMIT.shown}`,
};

/** One line a file: the status bar's text, how it was counted, and the verdict. */
export function countLine({ file, report, verdict }: CountResult): string {
  const how = report.exact ? `exact, ${report.encoding}` : report.estimate ? `estimate ${bandText(report.estimate.band)}, ${report.encoding}` : `estimate, ${report.encoding}`;
  const box = report.boxCut ? `; Box reads ${groupDigits(report.boxCut.tokensRead)} tokens of ${(report.boxCut.bytes / 1e6).toFixed(1)} MB` : '';
  return `${file}: ${statusText(report)} (${how}${box}) — ${VERDICT_TEXT[verdict]}`;
}

export function countJson({ file, report, verdict }: CountResult): object {
  return {
    file,
    tokens: report.count.tokens,
    exact: report.exact && !report.count.approximate,
    band: report.estimate?.band,
    encoding: report.encoding,
    ...(report.unusable ? { unusable: report.unusable } : {}),
    model: { id: report.model.id, name: report.model.name, contextWindow: report.model.contextWindow ?? null, chosen: report.reason.kind },
    boxTextLimit: { bytes: BOX_TEXT_LIMIT.value, ...(report.boxCut ? { textBytes: report.boxCut.bytes, tokensRead: report.boxCut.tokensRead, binds: report.boxCut.binds } : { textBytes: null }) },
    verdict,
  };
}

