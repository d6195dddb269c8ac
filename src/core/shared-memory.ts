// Memory that several threads can read without a copy each: a SharedArrayBuffer, where this thread may
// make one (always on Node; on the web only in a cross-origin isolated page).

/** Whether this thread may make shared memory. */
export function canShareMemory(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer !== 'undefined' && isolated !== false;
}

/** `data` in shared memory where it may be (copied once), else `data` itself. */
export function shareable(data: Uint8Array): Uint8Array {
  if (!canShareMemory() || data.buffer instanceof SharedArrayBuffer) return data;
  const shared = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}

/** `length` zeroed 32-bit words, in shared memory where it may be. */
export function sharedWords(length: number): Uint32Array {
  return new Uint32Array(canShareMemory() ? new SharedArrayBuffer(4 * length) : new ArrayBuffer(4 * length));
}
