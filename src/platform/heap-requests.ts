import type { HeapFigures } from '../worker/heap';

/** A link to a worker that answers `heap` requests (both of the extension's workers do). */
interface HeapAnswering {
  readonly running: boolean;
  post(message: { type: 'heap'; id: number }): void;
}

/** A worker's answers to `heap` requests, by id; all answered with nothing when the worker is gone. */
export class HeapRequests {
  private readonly waiting = new Map<number, (heap: HeapFigures | undefined) => void>();

  /** Asks the worker for its heap figures; undefined when it is not running (it is not started to ask). */
  ask(link: HeapAnswering, id: number): Promise<HeapFigures | undefined> {
    if (!link.running) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      link.post({ type: 'heap', id });
    });
  }

  /** Answers request `id`, if it is one of these; whether it was. */
  answer(id: number, heap: HeapFigures | undefined): boolean {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(heap);
    return resolve !== undefined;
  }

  /** The worker is gone: every request waiting resolves to undefined. */
  answerAllWithNothing(): void {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
