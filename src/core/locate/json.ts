import { ParseErrorCode, visit } from 'jsonc-parser';
import { isBoxLabel, isEmbeddingLabel, Slot, SlotScope } from './slot';

interface Frame {
  /** The property that holds this object or array; for array items, the array's property. */
  label: string | undefined;
  /** Inside a Box override: this label or an enclosing one marks it. */
  box: boolean;
}

/**
 * Every `model` string value in a JSON/JSONC text that sits in a Box AI override (or, with scope
 * `anyModelKey`, every `model` string), in document order. Tolerates broken JSON: jsonc-parser
 * recovers after errors, an unterminated string yields a slot with `terminated: false`, and
 * `"model":` with no value yet yields an empty slot for completion.
 */
export function findJsonSlots(text: string, scope: SlotScope = 'boxOverrides'): Slot[] {
  const slots: Slot[] = [];
  const stack: Frame[] = [{ label: undefined, box: false }];
  let property: string | undefined;
  let awaitingValue = false;
  let colonEnd = -1;
  let unterminatedAt = -1;

  const top = () => stack[stack.length - 1];
  const counts = () => scope === 'anyModelKey' || top().box;
  const open = () => {
    const label = awaitingValue ? property : top().label;
    stack.push({ label, box: top().box || isBoxLabel(label) });
    awaitingValue = false;
  };
  const close = () => {
    if (stack.length > 1) stack.pop();
  };

  visit(
    text,
    {
      onObjectBegin: open,
      onArrayBegin: open,
      onObjectEnd: close,
      onArrayEnd: close,
      onObjectProperty: (name) => {
        property = name;
        awaitingValue = false;
      },
      onSeparator: (char, offset) => {
        if (char === ':') {
          awaitingValue = true;
          colonEnd = offset + 1;
        } else awaitingValue = false;
      },
      onLiteralValue: (value, offset, length) => {
        if (awaitingValue && property === 'model' && typeof value === 'string' && counts()) {
          const terminated = unterminatedAt !== offset;
          slots.push({
            kind: isEmbeddingLabel(top().label) ? 'embedding' : 'chat',
            start: offset + 1,
            end: offset + length - (terminated ? 1 : 0),
            value: text.slice(offset + 1, offset + length - (terminated ? 1 : 0)),
            quote: '"',
            terminated,
          });
        }
        awaitingValue = false;
      },
      onError: (error, offset) => {
        if (error === ParseErrorCode.UnexpectedEndOfString) unterminatedAt = offset;
        else if (error === ParseErrorCode.ValueExpected && awaitingValue && property === 'model' && counts()) {
          const kind = isEmbeddingLabel(top().label) ? 'embedding' : 'chat';
          slots.push({ kind, start: colonEnd, end: offset, value: '', quote: '', terminated: true });
          awaitingValue = false;
        }
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return slots;
}
