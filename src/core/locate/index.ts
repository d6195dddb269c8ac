import { findJsonSlots } from './json';
import { findScriptSlots } from './script';
import { Slot, SlotScope } from './slot';

export { Slot, SlotKind, SlotScope, slotAt } from './slot';

/** Language ids whose text is read as JSON(C). */
export const JSON_LANGUAGES = ['json', 'jsonc', 'json5', 'snippets'] as const;
/** Language ids whose text is read as JavaScript/TypeScript. */
export const SCRIPT_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;
export const SUPPORTED_LANGUAGES: readonly string[] = [...JSON_LANGUAGES.slice(0, 2), ...SCRIPT_LANGUAGES];

export interface LocateResult {
  slots: Slot[];
  /** Why nothing was looked at, when the document was skipped. */
  skipped?: 'unsupported-language' | 'too-large' | 'binary';
}

export interface LocateOptions {
  scope?: SlotScope;
  /** Documents longer than this (UTF-16 units) are skipped rather than scanned. */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

/** All model slots of a document, or why it was skipped. Never throws. */
export function locateSlots(text: string, languageId: string, options: LocateOptions = {}): LocateResult {
  const scope = options.scope ?? 'boxOverrides';
  const finder = finderFor(languageId);
  if (!finder) return { slots: [], skipped: 'unsupported-language' };
  if (text.length > (options.maxLength ?? DEFAULT_MAX_LENGTH)) return { slots: [], skipped: 'too-large' };
  if (looksBinary(text)) return { slots: [], skipped: 'binary' };
  return { slots: finder(text, scope) };
}

function finderFor(languageId: string): ((text: string, scope: SlotScope) => Slot[]) | undefined {
  if ((JSON_LANGUAGES as readonly string[]).includes(languageId)) return findJsonSlots;
  if ((SCRIPT_LANGUAGES as readonly string[]).includes(languageId)) return findScriptSlots;
  return undefined;
}

/** A NUL character in the first 8 KB: what git and editors take as the sign of a binary file. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
