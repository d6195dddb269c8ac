import { Catalog } from '../catalog/catalog';
import { Slot } from '../locate/slot';
import { Finding } from './finding';
import { checkSlots } from './model-checks';
import { checkSettings } from './setting-checks';

export { CheckCode, DEFAULT_SEVERITY, Finding, FindingAction, Fix, Severity } from './finding';

/** Every finding for one document's slots and settings, in document order. */
export function checkDocument(slots: readonly Slot[], catalog: Catalog): Finding[] {
  return [...checkSlots(slots, catalog), ...checkSettings(slots, catalog)].sort((a, b) => a.start - b.start);
}
