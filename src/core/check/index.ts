import { Catalog } from '../catalog/catalog';
import { Slot } from '../locate/slot';
import { Finding } from './finding';
import { checkSlots } from './model-checks';
import { checkSettings } from './setting-checks';

export { CheckCode, DEFAULT_SEVERITY, Finding, FindingAction, Fix, Severity } from './finding';

/** Every finding for one document: its slots and settings, and its request bodies (checkRequests), in document order. */
export function checkDocument(slots: readonly Slot[], catalog: Catalog, requests: readonly Finding[] = []): Finding[] {
  return [...checkSlots(slots, catalog), ...checkSettings(slots, catalog), ...requests].sort((a, b) => a.start - b.start);
}
