import { HOST_LANGUAGES, piecesOf } from './embedded';
import { IncrementalLocator } from './incremental';
import { jsonScanner } from './json';
import { ScannerFactory, scanAll } from './scanner';
import { scriptScanner } from './script';
import { mayHoldBoxLabel, shiftOwner, Slot, SlotScope } from './slot';
import { findYamlSlots } from './yaml';

export { Slot, SlotKey, SlotKind, SlotScope, modelSlots, slotAt } from './slot';
export { IncrementalLocator } from './incremental';

/** Language ids whose text is read as JSON(C). */
export const JSON_LANGUAGES: readonly string[] = ['json', 'jsonc'];
/** Language ids whose text is read as JavaScript/TypeScript. */
export const SCRIPT_LANGUAGES: readonly string[] = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
export const SUPPORTED_LANGUAGES: readonly string[] = [...JSON_LANGUAGES, ...SCRIPT_LANGUAGES, 'python', 'yaml', ...HOST_LANGUAGES];

export type SkipReason = 'unsupported-language' | 'too-large' | 'too-large-to-parse' | 'binary';

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;
/**
 * YAML goes through a full parser after every edit (about 0.4 ms per KB on a slow machine): past this
 * size a read would hold up typing, whatever `maxLength` allows.
 */
export const YAML_MAX_LENGTH = 512 * 1024;

/** The token scanner for a language read that way, or undefined (YAML and hosts are read as a whole). */
function scannerFor(languageId: string, scope: SlotScope): ScannerFactory<unknown> | undefined {
  if (JSON_LANGUAGES.includes(languageId)) return jsonScanner(scope) as ScannerFactory<unknown>;
  if (SCRIPT_LANGUAGES.includes(languageId)) return scriptScanner(scope, 'js') as ScannerFactory<unknown>;
  if (languageId === 'python') return scriptScanner(scope, 'python') as ScannerFactory<unknown>;
  return undefined;
}

/** Slots of a text in one of the served languages, or undefined for a language that is not served. */
function scan(text: string, languageId: string, scope: SlotScope): Slot[] | undefined {
  const scanner = scannerFor(languageId, scope);
  if (scanner) return scanAll(scanner, text);
  if (languageId === 'yaml') return text.length > YAML_MAX_LENGTH ? [] : findYamlSlots(text, scope); // also a YAML fence in Markdown
  // A host's pieces (Markdown fences, .http bodies, curl bodies), each read in its own language, with
  // offsets in the host: a slot's content maps character by character (model ids hold no escapes).
  return piecesOf(text, languageId)?.flatMap((piece) =>
    (scan(piece.text, piece.languageId, scope) ?? []).map((slot) => ({
      ...slot,
      ...piece.hostRange(slot.start, slot.end),
      newQuote: piece.newQuote !== undefined && slot.newQuote !== '' ? piece.newQuote : slot.newQuote,
      owner: shiftOwner(slot.owner, piece.start),
    })),
  );
}

/** Why a document is not scanned at all, if it is not. */
export function skipReason(text: string, languageId: string, maxLength = DEFAULT_MAX_LENGTH): SkipReason | undefined {
  if (!SUPPORTED_LANGUAGES.includes(languageId)) return 'unsupported-language';
  if (text.length > maxLength) return 'too-large';
  if (languageId === 'yaml' && text.length > YAML_MAX_LENGTH) return 'too-large-to-parse';
  if (looksBinary(text)) return 'binary';
  return undefined;
}

/**
 * Every `model` slot and reported setting in the Box overrides of a document (none when it is
 * skipped), in document order. Never throws on any input.
 */
export function locateSlots(text: string, languageId: string, scope: SlotScope = 'boxOverrides', maxLength = DEFAULT_MAX_LENGTH): Slot[] {
  if (skipReason(text, languageId, maxLength)) return [];
  // No name that marks an override: nothing to find, whatever the language (most files, lockfiles among them).
  if (scope === 'boxOverrides' && !mayHoldBoxLabel(text)) return [];
  try {
    return scan(text, languageId, scope) ?? [];
  } catch {
    return []; // a parser bug on some input must not take completion or checks down with it
  }
}

/**
 * An incremental locator for one document of a token-scanned language (JSON, JS/TS, Python), or
 * undefined for the languages read whole (YAML, Markdown, `.http`), whose slots come from `locateSlots`.
 */
export function locatorFor(languageId: string, scope: SlotScope): IncrementalLocator<unknown> | undefined {
  const scanner = scannerFor(languageId, scope);
  return scanner && new IncrementalLocator(scanner);
}

/** A NUL character in the first 8 KB: what git and editors take as the sign of a binary file. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
