import { Slot } from './slot';

/**
 * A locator that reads a text token by token and can be stopped, copied and resumed. Both language
 * families implement it, so that one incremental driver (incremental.ts) serves them.
 */
export interface SlotScanner<State> {
  /** Offset of the next character to read. */
  readonly position: number;
  /** Reads one token (skipping blanks and comments); false at the end of the text. */
  step(): boolean;
  /** Whether a slot belongs to a Box override; `undefined` while that is not known yet. */
  verdict(slot: Slot): boolean | undefined;
  /** A copy of the scanner's state that `resume` can continue from on the same text prefix. */
  save(): State;
  /** Slots found so far whose verdict is known and true, in document order. */
  readonly found: Slot[];
}

export interface ScannerFactory<State> {
  /** A scanner for `text`, fresh or continuing from a saved state. `onSlot` hears every candidate. */
  create(text: string, from: State | undefined, onSlot: (slot: Slot) => void): SlotScanner<State>;
}

/** Runs a scanner to the end of its text and returns the slots of Box overrides. */
export function scanAll<State>(factory: ScannerFactory<State>, text: string): Slot[] {
  const scanner = factory.create(text, undefined, () => undefined);
  while (scanner.step());
  return scanner.found;
}
