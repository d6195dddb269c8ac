// What a worker reports of its JavaScript heap when asked (the "Show Memory Use" command, the memory benchmark).

/** A thread's V8 heap, MB: in use, reserved, and held outside it for its objects (array buffers). */
export interface HeapFigures {
  usedMB: number;
  totalMB: number;
  externalMB: number;
}
