import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUPPORTED_LANGUAGES } from '../../src/core/locate';
import { DEFAULT_SEVERITY } from '../../src/core/check';

const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function sources(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}
const code = sources(join(ROOT, 'src'));

test('every contributed command is registered in code, and every registered command is contributed', () => {
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  // Registered by name, or by a constant that holds it.
  const constant = (name: string) => new RegExp(`const ${name} = '([^']+)'`).exec(code)?.[1] ?? name;
  const registered = [...code.matchAll(/registerCommand\((?:'([^']+)'|([A-Z_]+),)/g)].map((m) => m[1] ?? constant(m[2])).sort();
  assert.deepEqual(registered, contributed);
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'Box AI');
    assert.match(c.command, /^boxAiModels\.(models\.)?[a-z][A-Za-z]+$/);
  }
});

test('every setting is read in code, has a scope and a description; every setting read is contributed', () => {
  const props = manifest.contributes.configuration.properties as Record<string, { scope?: string; markdownDescription?: string }>;
  for (const [key, prop] of Object.entries(props)) {
    assert.match(key, /^boxAiModels\.[a-z][A-Za-z.]+$/);
    assert.ok(prop.scope, `${key} has no scope`);
    assert.ok(prop.markdownDescription, `${key} has no description`);
    assert.ok(code.includes(`'${key.slice('boxAiModels.'.length)}'`), `${key} is never read`);
  }
  const read = [...code.matchAll(/\.get<[^>]+>\('([^']+)'/g)].map((m) => `boxAiModels.${m[1]}`);
  for (const key of read) assert.ok(key in props, `${key} is read but not contributed`);
});

test('activation: the served languages, and after startup for the token count of any file; never "*"', () => {
  assert.ok(!manifest.activationEvents.includes('*'));
  const expected = [...SUPPORTED_LANGUAGES.map((l) => `onLanguage:${l}`), 'onStartupFinished'];
  assert.deepEqual(manifest.activationEvents.sort(), expected.sort());
});

test('the severity setting lists every check code with its default', () => {
  const setting = manifest.contributes.configuration.properties['boxAiModels.diagnostics.severity'];
  assert.deepEqual(setting.default, DEFAULT_SEVERITY);
  assert.deepEqual(Object.keys(setting.properties).sort(), Object.keys(DEFAULT_SEVERITY).sort());
});
