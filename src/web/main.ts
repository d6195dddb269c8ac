// The extension in VS Code for the Web's extension host, a Web Worker (vscode.dev, github.dev, the
// browser side of code-server): no Node, files through workspace.fs, the counter in a nested Web Worker.
/// <reference lib="dom" />
import * as vscode from 'vscode';
import { startExtension } from '../extension';
import type { Host } from '../platform/host';

export function activate(context: vscode.ExtensionContext): void {
  startExtension(context, webHost(context.extensionUri));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function webHost(extensionUri: vscode.Uri): Host {
  return {
    async startTokenWorker(events) {
      if (typeof Worker === 'undefined') throw new Error('this browser extension host cannot start Web Workers');
      // The extension's files may not be at a URL a worker can load (a remote or virtual workspace):
      // read the script like any other file and start it from a blob.
      const script = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'token-worker.js')));
      const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
      const worker = new Worker(url, { name: 'Box AI token counter' });
      worker.onmessage = (event) => events.onMessage(event.data);
      worker.onerror = (event) => events.onGone(new Error(event.message || 'the token counter worker failed'));
      return {
        post: (message) => worker.postMessage(message),
        terminate: () => {
          worker.terminate();
          URL.revokeObjectURL(url);
        },
      };
    },
    catalogReader() {
      // Bundled here; esbuild evaluates it (and the YAML parser) on this first require only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require('../core/catalog/yaml');
    },
  };
}
