import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

// VS Code gives a new `Untitled-N` the backed-up text of a closed document that had the same name when
// that backup was still being written as it closed: a test that opens `{ content }` may then see the
// previous test's text. The suites open untitled documents through openUntitled, which names each apart.
test('the real-VS-Code suites and benchmarks never open an untitled document by content', () => {
  const offenders: string[] = [];
  for (const dir of ['test/integration', 'test/web']) {
    for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(ROOT, dir, file), 'utf8');
      if (/openTextDocument\(\s*\{/.test(source)) offenders.push(`${dir}/${file}`);
    }
  }
  assert.deepEqual(offenders, []);
});
