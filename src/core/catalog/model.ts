/** One Box AI model as the catalog (data/models.yaml) describes it. */
export interface ModelCard {
  /** The exact string the Box AI API accepts in a `model` field. */
  id: string;
  /** Other spellings of this id seen in Box's docs; the API may reject them. */
  aliases: string[];
  name: string;
  provider: string;
  hosting: string;
  kind: ModelKind;
  tier?: Tier;
  access?: Access;
  status: Status;
  /** ISO date (YYYY-MM-DD) the model left Box's list; only for retired models. */
  retiredOn?: string;
  /** Suggested current model to move to; retired models should have one. */
  successor?: string;
  /** ISO date, possibly partial (YYYY or YYYY-MM). */
  released?: string;
  knowledgeCutoff?: string;
  /** Input context window in tokens. Absent when Box does not say. */
  contextWindow?: number;
  /** Max output tokens. Absent when Box does not say or it does not apply (embeddings). */
  maxOutputTokens?: number;
  /** Empirical throughput exactly as Box states it (tokens per second). */
  throughput?: string;
  openSource?: boolean;
  compliance: string[];
  /** Box AI agents that use this model by default. */
  defaultFor: string[];
  /** Box's index marks the model "Compatible with Box Agent". Absent when it does not say so. */
  boxAgent?: boolean;
  /** The `llm_endpoint_params.type` this model's provider takes. */
  paramsType?: ParamsType;
  tokenizer: Tokenizer;
  cardUrl: string;
  /** Where Box's docs disagree about this model: what was chosen and what else they say. */
  conflicts: Conflict[];
  /** Other decisions taken while reading Box's docs (vague values turned into data, gaps). */
  notes: string[];
}

export type ModelKind = 'chat' | 'embedding';
export type Tier = 'standard' | 'premium';
export type Access = 'core' | 'customer-enabled';
export type Status = 'available' | 'preview' | 'beta' | 'retired';
export type ParamsType = 'openai_params' | 'google_params' | 'aws_params' | 'ibm_params';
/**
 * How the model's tokens are counted: exactly, with the encoding named (OpenAI's
 * `o200k_base`/`cl100k_base`, Meta's `llama3`/`llama4`, Mistral's `tekken`, Gemma 3's `gemma3`); or
 * estimated, by the method named (src/core/tokens/methods.ts): `claude-estimate`, or `estimate` for a
 * model with no public tokenizer and no better evidence.
 */
export type Tokenizer = 'o200k_base' | 'cl100k_base' | 'llama3' | 'llama4' | 'tekken' | 'gemma3' | 'claude-estimate' | 'estimate';

export interface Conflict {
  field: string;
  chosen: string;
  /** What another Box source says instead. */
  other: string;
  /** Where the other value comes from. */
  source: string;
  reason: string;
}

export const MODEL_KINDS: readonly ModelKind[] = ['chat', 'embedding'];
export const TIERS: readonly Tier[] = ['standard', 'premium'];
export const ACCESS_LEVELS: readonly Access[] = ['core', 'customer-enabled'];
export const STATUSES: readonly Status[] = ['available', 'preview', 'beta', 'retired'];
export const PARAMS_TYPES: readonly ParamsType[] = ['openai_params', 'google_params', 'aws_params', 'ibm_params'];
export const TOKENIZERS: readonly Tokenizer[] = ['o200k_base', 'cl100k_base', 'llama3', 'llama4', 'tekken', 'gemma3', 'claude-estimate', 'estimate'];
