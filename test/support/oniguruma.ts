import { readFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';

let loaded: Promise<void> | undefined;

/** Loads the oniguruma WASM that VS Code's TextMate engine runs patterns with (once per process). */
export function loadOniguruma(): Promise<typeof oniguruma> {
  loaded ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return loaded.then(() => oniguruma);
}
