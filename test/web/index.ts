// Test entry for the browser's extension host (VS Code for the Web): mocha's browser build runs the web
// suite against the real `vscode` API there. The harness puts this bundle inside a copy of the extension
// whose manifest has no `main`, with driver.json (the driver's address) beside it.
import * as vscode from 'vscode';
import { repeatTests, runAndReport } from '../integration/report';
import { setDriver } from '../integration/ui-protocol';
import { EXTENSION_ID } from '../integration/helpers';

interface BrowserMocha {
  suite: Parameters<typeof repeatTests>[0];
  setup(options: { ui: 'bdd'; timeout: number; reporter: new () => object }): void;
  grep(pattern: string): void;
  run(done: () => void): ReturnType<Parameters<typeof runAndReport>[0]['run']>;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const config = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'test', 'driver.json')))) as { url: string; grep: string; repeat: number };
  setDriver(config.url);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mocha = require('mocha/mocha.js') as BrowserMocha;
  mocha.setup({ ui: 'bdd', timeout: 30_000, reporter: class Silent {} }); // the driver gets the outcome
  if (config.grep) mocha.grep(config.grep);
  // The suite registers its tests when required, after setup has defined describe and it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./web.test');
  repeatTests(mocha.suite, config.repeat);
  await runAndReport(mocha);
}
