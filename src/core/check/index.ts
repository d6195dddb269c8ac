import { Catalog } from '../catalog/catalog';
import { locateSlots, skipReason, SkipReason, SlotScope } from '../locate';
import { Slot } from '../locate/slot';
import { Finding } from './finding';
import { checkRequests } from './request-checks';
import { checkSlots } from './model-checks';
import { checkSettings } from './setting-checks';

export { severitiesFrom } from './severity';
export { CheckCode, DEFAULT_SEVERITY, Finding, FindingAction, Fix, Severity } from './finding';

/** Every finding for one document: its slots and settings, and its request bodies (checkRequests), in document order. */
export function checkDocument(slots: readonly Slot[], catalog: Catalog, requests: readonly Finding[] = []): Finding[] {
  return [...checkSlots(slots, catalog), ...checkSettings(slots, catalog), ...requests].sort((a, b) => a.start - b.start);
}

export interface CheckOptions {
  scope: SlotScope;
  /** Longer texts are not read (`boxAiModels.maxFileSizeKB`). */
  maxLength: number;
}

/**
 * What the checks say of one text in one language, as the extension's diagnostics and the command line
 * both report it: its findings, or why it is not read at all. `slots` may be given when already found.
 */
export function checkText(text: string, languageId: string, catalog: Catalog, { scope, maxLength }: CheckOptions, slots?: readonly Slot[]): { findings: Finding[] } | { skipped: SkipReason } {
  const skipped = skipReason(text, languageId, maxLength);
  if (skipped) return { skipped };
  return { findings: checkDocument(slots ?? locateSlots(text, languageId, scope, maxLength), catalog, checkRequests(text, languageId)) };
}
