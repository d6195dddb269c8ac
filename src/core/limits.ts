// Box AI's own input limits, which apply before any model's context window: each with where it comes
// from, and, where Box's docs disagree, the other value and why it was not chosen (as the catalog
// records its conflicts).
import type { Conflict } from './catalog/model';

export interface BoxLimit {
  value: number;
  /** As Box's docs write it. */
  shown: string;
  source: string;
  conflicts: Conflict[];
}

/** Box reads the first this many bytes of a file's text representation and ignores the rest, with no error. */
export const BOX_TEXT_LIMIT: BoxLimit = {
  value: 2_000_000,
  shown: '2 MB',
  source:
    "Box's OpenAPI description (AiAsk.mode, AiTextGen.items: text representations up to 2MB, of which the first 2MB is processed) and the limits table of Box's Box AI guide. 2MB is read as 2,000,000 bytes of UTF-8 text, the smaller of its readings, so that a text shown as read whole is read whole under either.",
  conflicts: [
    {
      field: 'value',
      chosen: '2000000',
      other: '1 MB',
      source: 'older Box SDK documentation',
      reason: 'The current OpenAPI description and the Box AI guide both say 2 MB; the SDK pages predate them.',
    },
  ],
};
