// The memory benchmark's tables (bench/memory-steps.ts): the extension's cost per step is the median
// with less the median without, and its parts add up to it with "the rest".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEMORY_STEPS, MemoryFigures, memoryTables } from '../../bench/memory-steps';

function session(withExtension: boolean, rssMB: number, countingMB: number, firstRssMB?: number): MemoryFigures {
  return {
    withExtension,
    steps: Object.values(MEMORY_STEPS).map((step) => ({ step, firstRssMB, rssMB, hostHeapMB: rssMB / 2, hostHeapUsedMB: rssMB / 4, hostExternalMB: 5, countingMB, scanningMB: 0, openDocuments: 1 })),
  };
}

test('memory tables: medians of each kind, the cost, and where it goes', () => {
  const lines = memoryTables([session(true, 200, 30, 230), session(false, 140, 0, 150), session(true, 210, 40, 220), session(false, 150, 0, 140), session(true, 260, 35, 280), session(false, 145, 0, 160)]);
  const row = (title: string, table: number) => lines.filter((line) => line.startsWith(`| ${title} |`))[table].split('|').slice(2, -1).map((cell) => cell.trim());
  // With: 200, 210, 260 (median 210); without: 140, 145, 150 (median 145). At 8 s: 230 less 150.
  assert.deepEqual(row(MEMORY_STEPS.override, 0), ['145', '210', '65', '≤ 25', '80', '1']);
  // Host heap: 105 less 72.5; buffers: 0; counting: 35; the rest: 65 - 32.5 - 0 - 35 - 0; host heap in use (not a part of the sum): 52.5 less 36.25.
  assert.deepEqual(row(MEMORY_STEPS.override, 1), ['65', '33', '0', '35', '0', '-3', '16']);
  assert.ok(lines.some((line) => line.includes('median of 3 sessions each')));
  // Sessions without the 8 s reading leave its column empty.
  const older = memoryTables([session(true, 200, 30), session(false, 140, 0)]);
  assert.deepEqual(older.find((line) => line.startsWith(`| ${MEMORY_STEPS.override} |`))!.split('|').slice(2, -1).map((cell) => cell.trim()), ['140', '200', '60', '≤ 25', '', '1']);
});

test('memory tables: the cost by kind of resident memory, where every session read the kinds, and not otherwise', () => {
  const withKinds = (figures: MemoryFigures, anonMB: number): MemoryFigures => ({
    ...figures,
    steps: figures.steps.map((step) => ({ ...step, anonMB, fileMB: step.rssMB - anonMB, hostHeapResidentMB: anonMB / 2, hostMallocMB: anonMB / 10 })),
  });
  const sessions = [withKinds(session(true, 200, 30), 150), withKinds(session(false, 140, 0), 100), withKinds(session(true, 210, 40), 170), withKinds(session(false, 150, 0), 105)];
  const lines = memoryTables(sessions);
  const row = lines.filter((line) => line.startsWith(`| ${MEMORY_STEPS.override} |`))[2].split('|').slice(2, -1).map((cell) => cell.trim());
  // Of two, the median is the higher. The cost: 210 less 150; anonymous: 170 less 105; file-backed: 50
  // less 45; the host's heap resident: 85 less 52.5; V8's allocations: 17 less 10.5.
  assert.deepEqual(row, ['60', '65', '5', '33', '7']);
  assert.equal(memoryTables([...sessions, session(true, 220, 30)]).filter((line) => line.startsWith(`| ${MEMORY_STEPS.override} |`)).length, 2);
});
