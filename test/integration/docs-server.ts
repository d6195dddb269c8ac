// Answers like the host of Box's raw docs files, for the catalog update tests (the harness's driver
// serves it under /docs/ on 127.0.0.1): /main/ and /staging/ serve the two snapshots of Box's model
// docs folder; the other roots answer the ways a source can go wrong (an HTTP error, a web page, a
// changed layout, a broken card, silence).
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

/** ../shared/box-ai-docs beside the project: Box's model docs in their repository's layout. */
export const DOCS_SNAPSHOTS = join(__dirname, '..', '..', '..', '..', 'shared', 'box-ai-docs');
const FOLDER = join('content', 'guides', 'box-ai', 'ai-models');

/** Answers a request for `/<root>/<file>`; false when the path is not of that form. */
export function answerDocsRequest(path: string, response: ServerResponse): boolean {
  const [, root, file] = /^\/([a-z]+)\/([^/]+)$/.exec(path) ?? [];
  if (!root) return false;
  // As raw.githubusercontent.com does, so that the browser's extension host may read it too.
  response.setHeader('Access-Control-Allow-Origin', '*');
  const snapshotFile = (snapshot: string) => join(DOCS_SNAPSHOTS, snapshot, FOLDER, file);
  switch (root) {
    case 'main':
    case 'staging':
      serveFile(response, snapshotFile(root));
      break;
    case 'error':
      response.writeHead(503, { 'Content-Type': 'text/plain' });
      response.end('Service Unavailable');
      break;
    case 'html':
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end('<!DOCTYPE html><html><head><title>Supported AI models</title></head><body><h1>Supported AI models</h1></body></html>');
      break;
    case 'layout':
      if (file !== 'index.md') return (serveFile(response, snapshotFile('main')), true);
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('# Supported AI models\n\nThe model list has moved to a table:\n\n| API name | Tier |\n|---|---|\n| aws__claude_3_haiku | Standard |\n');
      break;
    case 'malformed':
      if (file !== 'aws-claude-3-haiku-model-card.md') return (serveFile(response, snapshotFile('main')), true);
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('# AWS Claude 3 Haiku\n\nThis card lost its table.\n');
      break;
    case 'silent':
      break; // never answers: the update's timeout must end it
    default:
      response.writeHead(404);
      response.end('Not Found');
  }
  return true;
}

function serveFile(response: ServerResponse, path: string): void {
  if (!existsSync(path)) {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('404: Not Found');
    return;
  }
  // As raw.githubusercontent.com serves markdown.
  response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(readFileSync(path));
}
