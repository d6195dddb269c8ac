// The same integration suites on a desktop VS Code downloaded by @vscode/test-electron, for machines
// that can reach the VS Code update service. (The UI-level suite needs the browser driver and is only
// part of the code-server run.)
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './real-vscode';

runTests({
  extensionDevelopmentPath: ROOT,
  extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
  launchArgs: [join(ROOT, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
