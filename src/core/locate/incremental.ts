import { ScannerFactory } from './scanner';
import { Slot } from './slot';

/** How often (in UTF-16 units read) a scan leaves a snapshot to resume from. */
export const SNAPSHOT_INTERVAL = 4 * 1024;

/**
 * Answers "which slot is at this offset?" for one document without rescanning it from the start on
 * every request. Scans leave snapshots of the scanner's state every SNAPSHOT_INTERVAL characters; an
 * edit drops the snapshots at or after it (the text before an edit is unchanged, so the state there
 * still holds); a request resumes from the nearest snapshot before its offset. After an edit near the
 * cursor, a request reads about one interval of text instead of the whole document.
 */
export class IncrementalLocator<State> {
  private snapshots: { offset: number; state: State }[] = [];

  constructor(
    private readonly factory: ScannerFactory<State>,
    private readonly interval = SNAPSHOT_INTERVAL,
  ) {}

  /** The text changed at `offset` (and maybe after): forget every snapshot that could have seen it. */
  invalidateFrom(offset: number): void {
    // Scanners peek one character past a token, so a snapshot right before the edit is dropped too.
    let keep = this.snapshots.length;
    while (keep > 0 && this.snapshots[keep - 1].offset >= offset - 1) keep--;
    this.snapshots.length = keep;
  }

  reset(): void {
    this.snapshots = [];
  }

  /** Where snapshots are held now (for tests that aim edits at them). */
  snapshotOffsets(): number[] {
    return this.snapshots.map((s) => s.offset);
  }

  /** The Box slot whose value (or empty insertion point) contains `offset`, if any. */
  slotAt(text: string, offset: number): Slot | undefined {
    const from = this.lastSnapshotAtOrBefore(offset);
    let candidate: Slot | undefined;
    const scanner = this.factory.create(text, from?.state, (slot) => {
      if (!candidate && slot.key === 'model' && slot.start <= offset && offset <= slot.end) candidate = slot;
    });
    let nextSave = (from?.offset ?? 0) + this.interval;
    for (;;) {
      if (scanner.position >= nextSave) {
        this.save(scanner.position, scanner.save());
        nextSave = scanner.position + this.interval;
      }
      const more = scanner.step();
      if (candidate) {
        const verdict = scanner.verdict(candidate);
        if (verdict !== undefined) return verdict ? candidate : undefined;
        if (!more) return undefined;
      } else if (!more || scanner.position > offset) {
        return undefined; // the token at the offset has been read and it is no slot
      }
    }
  }

  private lastSnapshotAtOrBefore(offset: number): { offset: number; state: State } | undefined {
    let lo = 0;
    let hi = this.snapshots.length - 1;
    let found: { offset: number; state: State } | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.snapshots[mid].offset <= offset) {
        found = this.snapshots[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private save(offset: number, state: State): void {
    const last = this.snapshots[this.snapshots.length - 1];
    if (!last || offset > last.offset) this.snapshots.push({ offset, state });
  }
}
