// npm start: a real VS Code (code-server's build) with this extension loaded and examples/ open.
// Prints the URL to open in a browser; Ctrl+C stops it.
import { join } from 'node:path';
import { ensureVsCode, ROOT, startServer, workbenchUrl } from './real-vscode';

async function main(): Promise<void> {
  ensureVsCode();
  const server = await startServer();
  const url = workbenchUrl(server.port, join(ROOT, 'examples'), ROOT);
  console.log('\nVS Code is running with box-ai-models loaded. Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  console.log('Open a file in examples/ (JSON, TypeScript, Python, YAML, .http, a curl script) and hover a model id. Ctrl+C stops the server.');
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (code) => {
    console.log(`VS Code server exited (${code}).`);
    process.exit(code ?? 0);
  });
}

void main();
