import { ModelCard, Tokenizer } from '../catalog/model';
import { EncodingName } from './encodings';

/** The expected error of an estimate, as fractions of it: the model's count lies in [×(1+low), ×(1+high)]. */
export interface Band {
  low: number;
  high: number;
}

/** How a model's tokens are counted: an encoding run exactly, or an estimate built on one. */
export interface CountingMethod {
  /** What the worker counts with. */
  encoding: EncodingName;
  exact: boolean;
  /** The estimate is the encoding's count times this. */
  factor: number;
  /** Estimates only. */
  band?: Band;
  /** In words, for the hover card and the tooltip. */
  summary: string;
}

/**
 * The estimates, each chosen by the published evidence (README, "How each model is counted"):
 * - Claude 3 to 4.5: Anthropic's legacy Claude vocabulary × 1.1, the calibration coder/ai-tokenizer
 *   publishes with 97.6–99.9% agreement against Anthropic's own usage counts: ±3%.
 * - the rest (Grok, Mistral Medium, Titan, and users' own models): o200k_base, with the widest spread
 *   measured between any public tokenizer and o200k_base (0.84–1.82×).
 */
const ESTIMATES: Record<Extract<Tokenizer, 'claude-estimate' | 'estimate'>, CountingMethod> = {
  'claude-estimate': {
    encoding: 'claude',
    exact: false,
    factor: 1.1,
    band: { low: -0.03, high: 0.03 },
    summary: "estimated: Anthropic's legacy Claude tokenizer × 1.1, within ±3% of Anthropic's counts",
  },
  estimate: {
    encoding: 'o200k_base',
    exact: false,
    factor: 1,
    band: { low: -0.16, high: 0.82 },
    summary: "estimated: the o200k_base count; the model's own tokenizer is not public, and public ones count −16% to +82% of it",
  },
};

/** The estimate for a model without a method of its own, and for a model whose vocabulary cannot be loaded. */
export const GENERAL_ESTIMATE = ESTIMATES.estimate;

export function countingMethod(model: ModelCard): CountingMethod {
  const tokenizer = model.tokenizer;
  if (tokenizer === 'claude-estimate' || tokenizer === 'estimate') return ESTIMATES[tokenizer];
  return { encoding: tokenizer, exact: true, factor: 1, summary: `exact (${tokenizer})` };
}

/** The estimate's band as people read it: `±3%`, or `−12%/+21%`. */
export function bandText(band: Band): string {
  const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
  return -band.low === band.high ? `±${pct(band.high)}` : `−${pct(band.low)}/+${pct(band.high)}`;
}
