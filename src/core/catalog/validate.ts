import {
  ACCESS_LEVELS,
  Conflict,
  MODEL_KINDS,
  ModelCard,
  PARAMS_TYPES,
  STATUSES,
  TIERS,
  TOKENIZERS,
} from './model';

/** A problem with one catalog entry, phrased for the user. */
export interface CatalogProblem {
  /** Which file the entry came from. */
  source: string;
  /** Index of the entry in `models`, or -1 for the file as a whole. */
  index: number;
  /** The entry's id when it has a readable one. */
  id?: string;
  message: string;
}

/** Box's shape of a model name: a provider, two underscores, the model (aws__claude_3_7_sonnet). */
export const API_ID = /^[a-z0-9]+__[a-z0-9_.]+$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Raw = Record<string, unknown>;

/**
 * Checks one raw entry against the catalog schema (data/models.schema.json states the same rules).
 * Returns the typed card, or the list of everything wrong with it.
 */
export function validateEntry(raw: unknown): { card?: ModelCard; errors: string[] } {
  const errors: string[] = [];
  if (!isObject(raw)) return { errors: ['an entry must be a mapping of fields'] };

  const known = new Set(FIELDS);
  for (const key of Object.keys(raw)) if (!known.has(key)) errors.push(`unknown field "${key}"`);

  const str = (key: string, required: boolean, pattern?: RegExp): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) {
      if (required) errors.push(`"${key}" is required`);
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push(`"${key}" must be a non-empty string`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) errors.push(`"${key}" is "${value}", which is not of the form ${describe(pattern)}`);
    return value;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], required: boolean): T | undefined => {
    const value = str(key, required);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      errors.push(`"${key}" is "${value}"; expected one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  };
  const count = (key: string): number | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      errors.push(`"${key}" must be a positive whole number of tokens (leave it out when unknown)`);
      return undefined;
    }
    return value;
  };
  const strings = (key: string): string[] => {
    const value = raw[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
      errors.push(`"${key}" must be a list of non-empty strings`);
      return [];
    }
    return value as string[];
  };

  const id = str('id', true, API_ID);
  const aliases = strings('aliases');
  const card: ModelCard = {
    id: id ?? '',
    aliases,
    name: str('name', true) ?? '',
    provider: str('provider', true) ?? '',
    hosting: str('hosting', true) ?? '',
    kind: oneOf('kind', MODEL_KINDS, true) ?? 'chat',
    tier: oneOf('tier', TIERS, false),
    access: oneOf('access', ACCESS_LEVELS, false),
    status: oneOf('status', STATUSES, true) ?? 'available',
    retiredOn: str('retiredOn', false, FULL_DATE),
    successor: str('successor', false, API_ID),
    released: str('released', false, PARTIAL_DATE),
    knowledgeCutoff: str('knowledgeCutoff', false, PARTIAL_DATE),
    contextWindow: count('contextWindow'),
    maxOutputTokens: count('maxOutputTokens'),
    throughput: str('throughput', false),
    openSource: bool(raw, 'openSource', errors),
    compliance: strings('compliance'),
    defaultFor: strings('defaultFor'),
    boxAgent: bool(raw, 'boxAgent', errors),
    paramsType: oneOf('paramsType', PARAMS_TYPES, false),
    tokenizer: (raw.tokenizer === 'gemini-estimate' ? 'gemma3' : oneOf('tokenizer', TOKENIZERS, true)) ?? 'estimate', // 0.4.0 estimated Gemini; a catalog it stored still says so
    cardUrl: str('cardUrl', true, /^https:\/\//) ?? '',
    conflicts: conflicts(raw.conflicts, errors),
    notes: strings('notes'),
  };
  if (card.status === 'retired' && !card.retiredOn) errors.push('a retired model needs "retiredOn"');
  if (card.status !== 'retired' && card.retiredOn) errors.push('"retiredOn" is only for retired models');
  if (aliases.includes(card.id)) errors.push('"aliases" must not repeat the id');
  for (const key of Object.keys(card) as (keyof ModelCard)[]) if (card[key] === undefined) delete card[key];
  return errors.length ? { errors } : { card, errors };
}

/** Checks what only the whole list can show: duplicate ids/aliases, successors that do not exist. */
export function crossCheck(cards: ModelCard[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const owner = new Map<string, string>();
  cards.forEach((card, index) => {
    for (const name of [card.id, ...card.aliases]) {
      const first = owner.get(name);
      if (first !== undefined) problems.push({ index, message: `"${name}" is already used by ${first}` });
      else owner.set(name, card.id);
    }
  });
  const ids = new Set(cards.map((c) => c.id));
  cards.forEach((card, index) => {
    if (card.successor && !ids.has(card.successor)) problems.push({ index, message: `successor "${card.successor}" is not in the catalog` });
  });
  return problems;
}

const FIELDS = [
  'id', 'aliases', 'name', 'provider', 'hosting', 'kind', 'tier', 'access', 'status', 'retiredOn', 'successor',
  'released', 'knowledgeCutoff', 'contextWindow', 'maxOutputTokens', 'throughput', 'openSource', 'compliance',
  'defaultFor', 'boxAgent', 'paramsType', 'tokenizer', 'cardUrl', 'conflicts', 'notes',
];

function conflicts(value: unknown, errors: string[]): Conflict[] {
  if (value === undefined || value === null) return [];
  const keys = ['field', 'chosen', 'other', 'source', 'reason'] as const;
  if (!Array.isArray(value) || !value.every((c) => isObject(c) && keys.every((k) => typeof c[k] === 'string'))) {
    errors.push(`"conflicts" must be a list of {${keys.join(', ')}} with string values`);
    return [];
  }
  return value.map((c: Raw) => ({ field: c.field, chosen: c.chosen, other: c.other, source: c.source, reason: c.reason }) as Conflict);
}

function bool(raw: Raw, key: string, errors: string[]): boolean | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    errors.push(`"${key}" must be true or false`);
    return undefined;
  }
  return value;
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(pattern: RegExp): string {
  if (pattern === API_ID) return 'provider__name (lower case, double underscore after the provider)';
  if (pattern === FULL_DATE) return 'YYYY-MM-DD';
  if (pattern === PARTIAL_DATE) return 'YYYY, YYYY-MM or YYYY-MM-DD';
  return String(pattern);
}
