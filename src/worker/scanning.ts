// The scanning worker, the same in a Node worker thread and a browser Web Worker (and, where no worker
// can start, in the extension host itself): keeps a copy of each served document's text, in step with
// its edits, and answers the host's requests about it: the Box slot at an offset (completion, hover),
// the checks' findings (diagnostics), the chat models it names (the token counter). So a whole read of
// a large document (a YAML parse, a Markdown file's fences, a full scan for the checks) never holds the
// extension host's thread, and the host never copies a document's text after the first time.
import { Catalog, CatalogOrigin } from '../core/catalog/catalog';
import type { ModelCard } from '../core/catalog/model';
import { checkText, Finding } from '../core/check';
import { IncrementalLocator, locatorFor, locateSlots, modelSlots, SkipReason, skipReason, Slot, slotAt, SlotScope } from '../core/locate';
import { applyTextChanges, TextChange } from '../core/tokens/document';
import { joinParts, type TextParts } from './protocol';
import type { HeapFigures } from './heap';

export interface ScanOptions {
  languageId: string;
  scope: SlotScope;
  maxLength: number;
}

export type ToScanner =
  | ({ type: 'open'; doc: string; text: TextParts } & ScanOptions)
  /** More of a document's text, right after its `open` (see lineTurns). */
  | { type: 'append'; doc: string; text: TextParts }
  | { type: 'edit'; doc: string; changes: TextChange[]; length: number }
  | { type: 'close'; doc: string }
  | { type: 'slotAt'; id: number; doc: string; offset: number }
  | { type: 'check'; id: number; doc: string; models: readonly ModelCard[]; origin?: CatalogOrigin }
  | { type: 'chatModels'; id: number; doc: string }
  /** The worker's heap figures (none where its platform does not tell). */
  | { type: 'heap'; id: number };

/** The requests, each answered by a FromScanner with its id. */
export type ScanRequest = Extract<ToScanner, { id: number }>;
/** A request as its sender writes it, before it is given an id. */
export type ScanQuestion = ScanRequest extends infer R ? (R extends ScanRequest ? Omit<R, 'id'> : never) : never;

/** The answer to request `id`: the field the request asks for, unless the document is missing or skipped. */
export interface FromScanner {
  id: number;
  /** The worker holds no text for the document (never sent, or dropped after an edit it could not follow). */
  missing?: boolean;
  /** Why the document is not scanned, when it is not. */
  skipped?: SkipReason;
  slot?: Slot;
  findings?: Finding[];
  names?: string[];
  heap?: HeapFigures;
}

interface Document extends ScanOptions {
  text: string;
  /** For the languages scanned as tokens: answers slotAt from snapshots, so typing stays incremental. */
  locator: IncrementalLocator<unknown> | undefined;
  /** Every slot of the current text, once read (the checks, and slotAt for languages read whole). */
  slots?: Slot[];
  models?: Slot[];
}

export class Scanning {
  private readonly documents = new Map<string, Document>();

  /** `heapFigures`: the thread's heap, where its platform tells (answers `heap`). */
  constructor(
    private readonly send: (message: FromScanner) => void,
    private readonly heapFigures: () => HeapFigures | undefined = () => undefined,
  ) {}

  onMessage(message: ToScanner): void {
    switch (message.type) {
      case 'open': {
        const { doc, languageId, scope, maxLength } = message;
        this.documents.set(doc, { text: joinParts(message.text), languageId, scope, maxLength, locator: locatorFor(languageId, scope) });
        break;
      }
      case 'append': {
        const document = this.documents.get(message.doc);
        if (document) this.setText(document, document.text + joinParts(message.text), document.text.length);
        break;
      }
      case 'edit':
        this.applyEdit(message);
        break;
      case 'close':
        this.documents.delete(message.doc);
        break;
      case 'slotAt':
        this.answer(message, (document) => ({ slot: this.slotAt(document, message.offset) }));
        break;
      case 'check': {
        const catalog = new Catalog(message.models, [], message.origin);
        this.answer(message, (document) => checkText(document.text, document.languageId, catalog, document, this.allSlots(document)));
        break;
      }
      case 'chatModels':
        this.answer(message, (document) => ({ names: this.allSlots(document).filter((s) => s.key === 'model' && s.kind === 'chat').map((s) => s.value) }));
        break;
      case 'heap':
        this.send({ id: message.id, heap: this.heapFigures() });
        break;
    }
  }

  private answer({ id, doc }: { id: number; doc: string }, read: (document: Document) => Omit<FromScanner, 'id'>): void {
    const document = this.documents.get(doc);
    if (!document) return this.send({ id, missing: true });
    const skipped = skipReason(document.text, document.languageId, document.maxLength);
    if (skipped) return this.send({ id, skipped });
    try {
      this.send({ id, ...read(document) });
    } catch {
      this.send({ id }); // a scanner bug on some input must not take the document's answers down with it
    }
  }

  private slotAt(document: Document, offset: number): Slot | undefined {
    if (document.locator) return document.locator.slotAt(document.text, offset);
    document.models ??= modelSlots(this.allSlots(document));
    return slotAt(document.models, offset);
  }

  private allSlots(document: Document): Slot[] {
    return (document.slots ??= locateSlots(document.text, document.languageId, document.scope, document.maxLength));
  }

  private applyEdit({ doc, changes, length }: Extract<ToScanner, { type: 'edit' }>): void {
    const document = this.documents.get(doc);
    if (!document) return;
    const text = applyTextChanges(document.text, changes, length);
    // Out of step with the host: forget it, and the next request says it is missing.
    if (text === undefined) return void this.documents.delete(doc);
    this.setText(document, text, Math.min(...changes.map((change) => change.offset)));
  }

  /** The document's new text, the same as before up to `from`: what was read of it from there on is forgotten. */
  private setText(document: Document, text: string, from: number): void {
    document.locator?.invalidateFrom(from);
    document.text = text;
    document.slots = undefined;
    document.models = undefined;
  }
}
