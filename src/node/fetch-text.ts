// HTTP GET (or a given request) with Node's http/https modules: VS Code's extension host routes them through its proxy
// support (the `http.proxy` and `http.proxyStrictSSL` settings, or the system's proxy).
import type { Agent, IncomingMessage } from 'node:http';
import type { FetchedFile } from '../core/catalog/update/read-source';
import type { HttpRequest } from '../core/tokens/anthropic';

const MAX_REDIRECTS = 5;

export function fetchText(url: string, timeoutMs: number, cancel: AbortSignal, send?: HttpRequest): Promise<FetchedFile> {
  return request(url, timeoutMs, cancel, send, 0, undefined);
}

/** The same, each request through the agent `agentFor` gives its URL (a proxy's, for the command line). */
export function fetchTextThrough(agentFor: (url: string) => Agent | undefined): typeof fetchText {
  return (url, timeoutMs, cancel, send) => request(url, timeoutMs, cancel, send, 0, agentFor);
}

function request(url: string, timeoutMs: number, cancel: AbortSignal, send: HttpRequest | undefined, redirects: number, agentFor: ((url: string) => Agent | undefined) | undefined): Promise<FetchedFile> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = (url.startsWith('https:') ? require('node:https') : require('node:http')) as typeof import('node:https');
  return new Promise((resolve, reject) => {
    if (cancel.aborted) return reject(new Error('cancelled'));
    const agent = agentFor?.(url);
    const options = send ? { method: send.method, headers: { ...send.headers, 'content-length': String(Buffer.byteLength(send.body)) }, agent } : { headers: { Accept: 'text/markdown, text/plain, */*' }, agent };
    const outgoing = client.request(url, options, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= MAX_REDIRECTS) return reject(new Error(`${url} redirects more than ${MAX_REDIRECTS} times`));
        return resolve(request(new URL(location, url).toString(), timeoutMs, cancel, send, redirects + 1, agentFor));
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status, contentType: response.headers['content-type'], text }));
      response.on('error', reject);
    });
    const timer = setTimeout(() => outgoing.destroy(new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    const onCancel = () => outgoing.destroy(new Error('cancelled'));
    cancel.addEventListener('abort', onCancel, { once: true });
    outgoing.on('error', (error: NodeJS.ErrnoException) => reject(error.code ? new Error(`cannot reach ${new URL(url).host} (${error.code})`) : error));
    outgoing.on('close', () => {
      clearTimeout(timer);
      cancel.removeEventListener('abort', onCancel);
    });
    outgoing.end(send?.body);
  });
}
