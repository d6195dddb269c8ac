// The extension in VS Code's Node extension host (desktop, remote, Codespaces).
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startExtension, TestingApi } from '../extension';
import type { Host } from '../platform/host';
import { fetchText } from './fetch-text';
import { readIntoSharedMemory } from './read-shared';
import { THREAD_OPTIONS } from '../worker/thread-options';

export function activate(context: vscode.ExtensionContext): TestingApi | undefined {
  return startExtension(context, nodeHost(context.extensionUri.fsPath));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function nodeHost(extensionPath: string): Host {
  return {
    async startWorker(script, events) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
      const worker: Worker = new Worker(join(extensionPath, 'dist', `${script}.js`), THREAD_OPTIONS);
      worker.on('message', (message) => events.onMessage(message));
      worker.on('error', (error) => events.onGone(error));
      worker.on('exit', (code) => events.onGone(code === 0 ? undefined : new Error(`exited with code ${code}`)));
      worker.unref();
      return { post: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
    },
    catalogReader() {
      // Its own bundle (with the YAML parser), so that activation never loads it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(join(extensionPath, 'dist', 'catalog-yaml.js'));
    },
    fetchText,
    readExtensionFile: (...path) => readIntoSharedMemory(join(extensionPath, ...path)),
  };
}
