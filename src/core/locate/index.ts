import { IncrementalLocator } from './incremental';
import { jsonScanner } from './json';
import { ScannerFactory, scanAll } from './scanner';
import { scriptScanner } from './script';
import { Slot, SlotScope } from './slot';

export { Slot, SlotKind, SlotScope } from './slot';
export { IncrementalLocator } from './incremental';

/** Language ids whose text is read as JSON(C). */
export const JSON_LANGUAGES: readonly string[] = ['json', 'jsonc'];
/** Language ids whose text is read as JavaScript/TypeScript. */
export const SCRIPT_LANGUAGES: readonly string[] = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
export const SUPPORTED_LANGUAGES: readonly string[] = [...JSON_LANGUAGES, ...SCRIPT_LANGUAGES];

export type SkipReason = 'unsupported-language' | 'too-large' | 'binary';

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

/** The scanner family for a language, or undefined when the language is not served. */
export function scannerFor(languageId: string, scope: SlotScope): ScannerFactory<unknown> | undefined {
  if (JSON_LANGUAGES.includes(languageId)) return jsonScanner(scope) as ScannerFactory<unknown>;
  if (SCRIPT_LANGUAGES.includes(languageId)) return scriptScanner(scope) as ScannerFactory<unknown>;
  return undefined;
}

/** Why a document is not scanned at all, if it is not. */
export function skipReason(text: string, languageId: string, maxLength = DEFAULT_MAX_LENGTH): SkipReason | undefined {
  if (!scannerFor(languageId, 'boxOverrides')) return 'unsupported-language';
  if (text.length > maxLength) return 'too-large';
  if (looksBinary(text)) return 'binary';
  return undefined;
}

/** All model slots of a document (none when it is skipped). Never throws on any input. */
export function locateSlots(text: string, languageId: string, scope: SlotScope = 'boxOverrides', maxLength = DEFAULT_MAX_LENGTH): Slot[] {
  const factory = scannerFor(languageId, scope);
  return factory && !skipReason(text, languageId, maxLength) ? scanAll(factory, text) : [];
}

/** An incremental locator for one document of this language, or undefined when it is not served. */
export function incrementalLocator(languageId: string, scope: SlotScope): IncrementalLocator<unknown> | undefined {
  const factory = scannerFor(languageId, scope);
  return factory && new IncrementalLocator(factory);
}

/** A NUL character in the first 8 KB: what git and editors take as the sign of a binary file. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
