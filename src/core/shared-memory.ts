// Memory that several threads can read without a copy each: a SharedArrayBuffer, where this thread may
// make one (always on Node; on the web only in a cross-origin isolated page).

/** Whether this thread may make shared memory. */
export function canShareMemory(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer !== 'undefined' && isolated !== false;
}

/** Whether `buffer` is shared memory. */
export function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

/** How much is copied between two pauses (see shareable): a new buffer's pages are mapped in as they are first written, which costs milliseconds a megabyte on some machines. */
const COPY_STEP = 1 << 16;

/** `data` in shared memory where it may be (copied once, a part a step: yields between parts), else `data` itself. */
export function* shareable(data: Uint8Array): Generator<void, Uint8Array> {
  if (!canShareMemory() || isShared(data.buffer)) return data;
  const shared = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  for (let at = 0; at < data.byteLength; at += COPY_STEP) {
    shared.set(data.subarray(at, at + COPY_STEP), at);
    yield;
  }
  return shared;
}

/** `length` zeroed 32-bit words, in shared memory where it may be. */
export function sharedWords(length: number): Uint32Array {
  return new Uint32Array(canShareMemory() ? new SharedArrayBuffer(4 * length) : new ArrayBuffer(4 * length));
}
