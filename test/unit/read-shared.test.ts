import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readIntoSharedMemory } from '../../src/node/read-shared';
import { engineFromFile } from '../../src/core/tokens/engine';

const ROOT = resolve(__dirname, '..', '..', '..');

test('a vocabulary file read straight into shared memory holds the same bytes, counts the same, and a missing one is refused', async () => {
  const path = join(ROOT, 'dist', 'ranks', 'o200k_base.bin');
  const shared = await readIntoSharedMemory(path);
  assert.ok(shared.buffer instanceof SharedArrayBuffer);
  assert.ok(Buffer.from(shared.buffer).equals(readFileSync(path)));
  const text = 'Read once, into memory every counting thread can use.';
  assert.equal(engineFromFile('o200k_base', shared).count(text), engineFromFile('o200k_base', readFileSync(path)).count(text));
  await assert.rejects(readIntoSharedMemory(join(ROOT, 'dist', 'ranks', 'missing.bin')), /ENOENT/);
});
