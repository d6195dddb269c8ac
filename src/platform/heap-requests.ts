import type { HeapFigures } from '../worker/heap';

/** A worker's answers to `heap` requests, by id; all answered with nothing when the worker is gone. */
export class HeapRequests {
  private readonly waiting = new Map<number, (heap: HeapFigures | undefined) => void>();

  /** Posts a request (with `post`) and resolves to the answer; undefined when `running` is false (no worker is started to ask). */
  ask(running: boolean, id: number, post: (message: { type: 'heap'; id: number }) => void): Promise<HeapFigures | undefined> {
    if (!running) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      post({ type: 'heap', id });
    });
  }

  answer(id: number, heap: HeapFigures | undefined): void {
    this.waiting.get(id)?.(heap);
    this.waiting.delete(id);
  }

  /** The worker is gone: every request waiting resolves to undefined. */
  answerAllWithNothing(): void {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
