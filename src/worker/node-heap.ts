// The heap figures of a Node thread (the workers' Node entry points).
import { getHeapStatistics } from 'node:v8';
import type { HeapFigures } from './heap';

const MB = 1024 * 1024;

export function nodeHeapFigures(): HeapFigures {
  const heap = getHeapStatistics();
  return { usedMB: heap.used_heap_size / MB, totalMB: heap.total_heap_size / MB, externalMB: heap.external_memory / MB };
}
