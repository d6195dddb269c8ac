// Answers like the hosts of Box's docs, for the catalog update tests (the harness's driver serves it
// under /docs/ on 127.0.0.1):
// - /mintlify/: Box's Mintlify source as published (the bundled catalog's source);
// - /newer/: the same with one more model (test/fixtures/box-docs), as after Box adds a model;
// - /export/ai-models.md and /export/ai-models/<card>.md: the site's Markdown exports of /newer/;
// - /main/: the old repository's frozen folder (index.md with <Tile>s);
// - the other roots answer the ways a source can go wrong (an HTTP error, a web page, a page with no
//   cards, a card without its table, broken MDX, silence).
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { exportedPage, SNAPSHOTS } from '../unit/docs-layouts';

const MINTLIFY = SNAPSHOTS.mintlify;
const OLD_MAIN = SNAPSHOTS.main;
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'box-docs');

/** The model /newer/ adds. */
export const ADDED_MODEL = { id: 'aws__claude_test_model', name: 'AWS Claude Test Model', card: 'aws-claude-test-model-card' };

/** The Mintlify index with the added model's card among the customer-enabled ones. */
function newerIndex(): string {
  const index = readFileSync(join(MINTLIFY, 'index.mdx'), 'utf8');
  const card = `\t<CustomCard\n\t\ticon="/static/guides-box-ai-ai-models/aws.svg"\n\t\ttitle="${ADDED_MODEL.id}"\n\t\thref="/guides/box-ai/ai-models/${ADDED_MODEL.card}"\n\t\ttags={[\n\t\t\t{ text: "Chat", bgColor: "#e8e8e8" },\n\t\t\t{ text: "Available", bgColor: "#e1ffe7" },\n\t\t\t{ text: "Premium", bgColor: "#f8d59b" },\n\t\t]}\n\t>\n\t\tA model that exists only in these tests.\n\t</CustomCard>\n`;
  const at = index.lastIndexOf('</Columns>');
  return index.slice(0, at) + card + index.slice(at);
}

/** A file of /newer/: the added card, the index naming it, or the snapshot's own. */
function newerFile(file: string): string | undefined {
  if (file === 'index.mdx') return newerIndex();
  const path = file === `${ADDED_MODEL.card}.mdx` ? join(FIXTURES, file) : join(MINTLIFY, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const BROKEN_INDEX = () => readFileSync(join(MINTLIFY, 'index.mdx'), 'utf8').replace(/(title="aws__claude_3_haiku"[\s\S]*?)<\/CustomCard>/, '$1');

/** Answers a request for `/<root>/<path>`; false when the path is not of that form. */
export function answerDocsRequest(path: string, response: ServerResponse): boolean {
  const [, root, file] = /^\/([a-z]+)\/([^?#]+)$/.exec(path) ?? [];
  if (!root) return false;
  // As raw.githubusercontent.com does, so that the browser's extension host may read it too.
  response.setHeader('Access-Control-Allow-Origin', '*');
  const mintlifyFile = (name: string) => (existsSync(join(MINTLIFY, name)) ? readFileSync(join(MINTLIFY, name), 'utf8') : undefined);
  switch (root) {
    case 'mintlify':
      return serve(response, mintlifyFile(file));
    case 'newer':
      return serve(response, newerFile(file));
    case 'export': {
      // The page …/ai-models.md, and each card's export under …/ai-models/.
      const source = file === 'ai-models.md' ? newerFile('index.mdx') : /^ai-models\/([^/]+)\.md$/.test(file) ? newerFile(file.replace(/^ai-models\/(.*)\.md$/, '$1.mdx')) : undefined;
      return serve(response, source && exportedPage(source), 'text/markdown; charset=utf-8');
    }
    case 'main':
      return serve(response, existsSync(join(OLD_MAIN, file)) ? readFileSync(join(OLD_MAIN, file), 'utf8') : undefined);
    case 'error':
      response.writeHead(503, { 'Content-Type': 'text/plain' });
      response.end('Service Unavailable');
      return true;
    case 'html':
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end('<!DOCTYPE html><html><head><title>Supported AI models</title></head><body><h1>Supported AI models</h1></body></html>');
      return true;
    case 'layout':
      return serve(response, file === 'index.mdx' ? '---\ntitle: Supported AI models\n---\n\nThe model list has moved to a table:\n\n| API name | Tier |\n|---|---|\n| aws__claude_3_haiku | Standard |\n' : mintlifyFile(file));
    case 'malformed':
      return serve(response, file === 'aws-claude-3-haiku-model-card.mdx' ? '---\ntitle: AWS Claude 3 Haiku\n---\n\nThis card lost its table.\n' : mintlifyFile(file));
    case 'broken':
      return serve(response, file === 'index.mdx' ? BROKEN_INDEX() : mintlifyFile(file));
    case 'silent':
      return true; // never answers: the update's timeout must end it
    default:
      return serve(response, undefined);
  }
}

/** The text as raw.githubusercontent.com serves Markdown, or its 404. */
function serve(response: ServerResponse, text: string | undefined, contentType = 'text/plain; charset=utf-8'): true {
  if (text === undefined) {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('404: Not Found');
  } else {
    response.writeHead(200, { 'Content-Type': contentType });
    response.end(text);
  }
  return true;
}
