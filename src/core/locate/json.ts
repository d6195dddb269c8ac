import { createScanner, JSONScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { ScannerFactory, scanAll, SlotScanner } from './scanner';
import { isBoxLabel, isEmbeddingLabel, isNumberKey, newSlot, Owner, shiftOwner, Slot, SlotKey, slotKeyOf, SlotRange, SlotScope, snakeCase } from './slot';

// JSON/JSONC on jsonc-parser's tokenizer. Tracking the structure here (rather than with its `visit`)
// lets the scan stop at any token and resume later from a saved state.

interface Frame {
  /** Offset of the bracket that opened it. */
  id: number;
  /** The property holding this object or array; array items share their array's label. */
  label: string | undefined;
  box: boolean;
  array: boolean;
  /** The Owner its slots share, made on the first one. */
  owner: Owner | undefined;
}

export interface JsonState {
  position: number;
  stack: Frame[];
  /** The last property name read in the current object. */
  property: string | undefined;
  /** After `"property":`, until its value arrives. */
  awaitingValue: boolean;
  colonEnd: number;
}

class JsonSlotScanner implements SlotScanner<JsonState> {
  readonly found: Slot[] = [];
  /** The same slots as `found`, for constant-time verdicts (the verdict is known when a slot is emitted). */
  private readonly accepted = new Set<Slot>();
  private readonly scanner: JSONScanner;
  private s: JsonState;

  constructor(
    private readonly text: string,
    private readonly scope: SlotScope,
    from: JsonState | undefined,
    private readonly onSlot: (slot: Slot) => void,
  ) {
    this.s = from ? { ...from, stack: from.stack.slice() } : { position: 0, stack: [{ id: -1, label: undefined, box: false, array: false, owner: undefined }], property: undefined, awaitingValue: false, colonEnd: -1 };
    this.scanner = createScanner(text, true);
    this.scanner.setPosition(this.s.position);
  }

  get position(): number {
    return this.s.position;
  }

  save(): JsonState {
    return { ...this.s, stack: this.s.stack.slice() };
  }

  verdict(slot: Slot): boolean {
    return this.accepted.has(slot);
  }

  step(): boolean {
    const s = this.s;
    let kind = this.scanner.scan();
    while (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) kind = this.scanner.scan();
    const offset = this.scanner.getTokenOffset();
    const length = this.scanner.getTokenLength();
    s.position = offset + length;
    const top = s.stack[s.stack.length - 1];
    const key = s.awaitingValue && !top.array ? slotKeyOf(s.property) : undefined;
    const modelAwaited = key === 'model';

    switch (kind) {
      case SyntaxKind.EOF:
        if (modelAwaited) this.emit('model', { start: s.colonEnd, end: this.text.length, value: '', quote: '', terminated: true });
        s.awaitingValue = false;
        return false;
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const label = s.awaitingValue && !top.array ? s.property : top.label;
        s.stack.push({ id: offset, label, box: top.box || isBoxLabel(label), array: kind === SyntaxKind.OpenBracketToken, owner: undefined });
        s.awaitingValue = false;
        s.property = undefined;
        return true;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (modelAwaited) this.emit('model', { start: s.colonEnd, end: offset, value: '', quote: '', terminated: true });
        if (s.stack.length > 1) s.stack.pop();
        s.awaitingValue = false;
        s.property = undefined;
        return true;
      case SyntaxKind.ColonToken:
        s.awaitingValue = true;
        s.colonEnd = offset + 1;
        return true;
      case SyntaxKind.CommaToken:
        if (modelAwaited) this.emit('model', { start: s.colonEnd, end: offset, value: '', quote: '', terminated: true });
        s.awaitingValue = false;
        return true;
      case SyntaxKind.StringLiteral: {
        if (!s.awaitingValue && !top.array) {
          s.property = this.scanner.getTokenValue(); // a key
          return true;
        }
        if (key && !isNumberKey(key)) {
          const terminated = this.scanner.getTokenError() !== ScanError.UnexpectedEndOfString;
          const end = offset + length - (terminated ? 1 : 0);
          this.emit(key, { start: offset + 1, end, value: this.text.slice(offset + 1, end), quote: '"', terminated });
        } else if (s.awaitingValue) {
          this.embedded(offset, length);
        }
        s.awaitingValue = false;
        return true;
      }
      case SyntaxKind.NumericLiteral:
        if (key && isNumberKey(key)) this.emit(key, { start: offset, end: offset + length, value: this.text.slice(offset, offset + length), quote: '', terminated: true });
        s.awaitingValue = false;
        return true;
      default:
        // true/false/null and unknown characters end a value.
        s.awaitingValue = false;
        return true;
    }
  }

  /**
   * A string value that holds a JSON document of its own, as Postman collections store request bodies
   * (`"raw": "{\\"ai_agent\\": ...}"`): its slots are found in the decoded text and mapped back
   * through the escapes. Only complete string values count there (an insertion would need escaping).
   */
  private embedded(offset: number, length: number): void {
    const decoded = this.scanner.getTokenValue();
    if (!/^\s*[{[]/.test(decoded) || !decoded.includes('"model"') || this.scanner.getTokenError() !== ScanError.None) return;
    const rawAt = decodedToRawOffsets(this.text, offset + 1, offset + length - 1);
    for (const inner of findJsonSlots(decoded, this.scope)) {
      if ((inner.key === 'model' && inner.quote === '') || !inner.terminated) continue;
      const start = rawAt[inner.start];
      const end = rawAt[inner.end];
      const slot: Slot = { ...inner, start, end, value: this.text.slice(start, end), owner: shiftOwner(inner.owner, offset + 1) };
      this.accept(slot);
      this.onSlot(slot);
    }
  }

  private emit(key: SlotKey, range: SlotRange): void {
    const stack = this.s.stack;
    const top = stack[stack.length - 1];
    const parent = stack.length > 1 ? stack[stack.length - 2] : undefined;
    const owner = (top.owner ??= { id: top.id, key: top.label && snakeCase(top.label), label: top.label, parentId: parent?.id, parentKey: parent?.label && snakeCase(parent.label) });
    const slot = newSlot(key, isEmbeddingLabel(top.label) ? 'embedding' : 'chat', range, '"', owner);
    this.s.awaitingValue = false;
    if (this.scope === 'anyModelKey' || top.box) this.accept(slot);
    this.onSlot(slot);
  }

  private accept(slot: Slot): void {
    this.found.push(slot);
    this.accepted.add(slot);
  }
}

export const jsonScanner = (scope: SlotScope): ScannerFactory<JsonState> => ({
  create: (text, from, onSlot) => new JsonSlotScanner(text, scope, from, onSlot),
});

/**
 * Every `model` string value in a JSON/JSONC text that sits in a Box AI override (or, with scope
 * `anyModelKey`, every `model` string), and the settings the checks read, in document order. Tolerates broken JSON: an unterminated
 * string yields a slot with `terminated: false`, and `"model":` with no value yet an empty slot.
 */
export function findJsonSlots(text: string, scope: SlotScope = 'boxOverrides'): Slot[] {
  return scanAll(jsonScanner(scope), text);
}

/** For the JSON string content text[start, end): the raw offset of each decoded character (and of its end). */
function decodedToRawOffsets(text: string, start: number, end: number): number[] {
  const at: number[] = [];
  for (let i = start; i < end; ) {
    at.push(i);
    i += text.charCodeAt(i) !== 92 ? 1 : text[i + 1] === 'u' ? 6 : 2;
  }
  at.push(end);
  return at;
}
