// The extension in VS Code for the Web's extension host, a Web Worker (vscode.dev, github.dev, the
// browser side of code-server): no Node, files through workspace.fs, the counter in a nested Web Worker.
/// <reference lib="dom" />
import * as vscode from 'vscode';
import { startExtension, TestingApi } from '../extension';
import type { Host } from '../platform/host';

export function activate(context: vscode.ExtensionContext): TestingApi | undefined {
  return startExtension(context, webHost(context.extensionUri));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function webHost(extensionUri: vscode.Uri): Host {
  const readExtensionFile = async (...path: string[]) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...path));
  return {
    async startWorker(script, events) {
      if (typeof Worker === 'undefined') throw new Error('this browser extension host cannot start Web Workers');
      // The extension's files may not be at a URL a worker can load (a remote or virtual workspace):
      // read the script like any other file and start it from a blob.
      const code = new TextDecoder().decode(await readExtensionFile('dist', 'web', `${script}.js`));
      const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      const worker = new Worker(url, { name: `Box AI ${script}` });
      worker.onmessage = (event) => events.onMessage(event.data);
      worker.onerror = (event) => events.onGone(new Error(event.message || `the ${script} failed`));
      return {
        post: (message) => worker.postMessage(message),
        terminate: () => {
          worker.terminate();
          URL.revokeObjectURL(url);
        },
      };
    },
    readExtensionFile,
    catalogReader() {
      // Bundled here; esbuild evaluates it (and the YAML parser) on this first require only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require('../core/catalog/yaml');
    },
    async fetchText(url, timeoutMs, cancel, send) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const onCancel = () => controller.abort();
      cancel.addEventListener('abort', onCancel, { once: true });
      try {
        const init = send ? { method: send.method, headers: send.headers, body: send.body } : { headers: { Accept: 'text/markdown, text/plain, */*' } };
        const response = await fetch(url, { ...init, signal: controller.signal });
        return { status: response.status, contentType: response.headers.get('content-type') ?? undefined, text: await response.text() };
      } catch (error) {
        if (cancel.aborted) throw new Error('cancelled');
        if (controller.signal.aborted) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
        // The browser does not say why (offline, refused, blocked by CORS): only that it could not.
        throw new Error(`cannot reach ${new URL(url).host} (${(error as Error).message})`);
      } finally {
        clearTimeout(timer);
        cancel.removeEventListener('abort', onCancel);
      }
    },
  };
}
