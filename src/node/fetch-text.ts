// HTTP GET (or a given request) with Node's http/https modules: VS Code's extension host routes them through its proxy
// support (the `http.proxy` and `http.proxyStrictSSL` settings, or the system's proxy).
import type { IncomingMessage } from 'node:http';
import type { FetchedFile } from '../core/catalog/update/read-source';
import type { HttpRequest } from '../core/tokens/anthropic';

const MAX_REDIRECTS = 5;

export function fetchText(url: string, timeoutMs: number, cancel: AbortSignal, send?: HttpRequest, redirects = 0): Promise<FetchedFile> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = (url.startsWith('https:') ? require('node:https') : require('node:http')) as typeof import('node:https');
  return new Promise((resolve, reject) => {
    if (cancel.aborted) return reject(new Error('cancelled'));
    const options = send ? { method: send.method, headers: { ...send.headers, 'content-length': String(Buffer.byteLength(send.body)) } } : { headers: { Accept: 'text/markdown, text/plain, */*' } };
    const request = client.request(url, options, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= MAX_REDIRECTS) return reject(new Error(`${url} redirects more than ${MAX_REDIRECTS} times`));
        return resolve(fetchText(new URL(location, url).toString(), timeoutMs, cancel, send, redirects + 1));
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status, contentType: response.headers['content-type'], text }));
      response.on('error', reject);
    });
    const timer = setTimeout(() => request.destroy(new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    const onCancel = () => request.destroy(new Error('cancelled'));
    cancel.addEventListener('abort', onCancel, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => reject(error.code ? new Error(`cannot reach ${new URL(url).host} (${error.code})`) : error));
    request.on('close', () => {
      clearTimeout(timer);
      cancel.removeEventListener('abort', onCancel);
    });
    request.end(send?.body);
  });
}
