/// <reference lib="dom" />
// The harness's side of the tests: a small HTTP server on 127.0.0.1 that the suites call from the
// extension host, Node or web worker alike (`fetch`). It serves what the `vscode` API cannot do —
// typing into the focused editor, reading the suggest widget, hovers, token colours and the status bar
// from the workbench DOM — counts text with the reference tokenizer for the web suites, serves Box's
// model docs under /docs/ for the catalog update suites, and takes the suites' results.
import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SuiteResults } from '../integration/report';
import { answerDocsRequest } from '../integration/docs-server';
import type { UiRequest, UiResponse } from '../integration/ui-protocol';
import { referenceEngine } from '../unit/engines';

export interface Driver {
  url: string;
  /** The results the suites post when they are done. */
  results: Promise<SuiteResults>;
  close(): void;
}

export async function startDriver(page: Page, screenshotDir: string): Promise<Driver> {
  let deliver: (results: SuiteResults) => void = () => undefined;
  const results = new Promise<SuiteResults>((resolve) => (deliver = resolve));
  // UI requests act on one page: one at a time, in the order they came.
  let queue: Promise<unknown> = Promise.resolve();
  let failures = 0;
  let anthropicRequests = 0;
  const server = createServer(async (request, response) => {
    // One request per connection: a kept-alive socket that the server times out just as the client
    // reuses it fails the request ("fetch failed"), and a loaded machine makes that race likely.
    response.setHeader('Connection', 'close');
    // Box's model docs for the catalog update suites, under /docs/ (see docs-server.ts).
    if (request.method === 'GET' && request.url?.startsWith('/docs/') && answerDocsRequest(request.url.slice('/docs'.length), response)) return;
    // Anthropic's count_tokens, as documented, for the exact Claude count suite.
    const anthropic = /^\/anthropic\/(ok|429|silent)\/v1\/messages\/count_tokens$/.exec(request.url ?? '');
    if (anthropic && request.method === 'POST') {
      anthropicRequests++;
      return answerCountTokens(anthropic[1], request, await readBody(request), response);
    }
    response.setHeader('Access-Control-Allow-Origin', '*');
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      const body = JSON.parse((await readBody(request)) || 'null');
      switch (request.url) {
        case '/ui': {
          const answer = (queue = queue.then(async (): Promise<UiResponse> => {
            try {
              return { ok: true, ...(await perform(page, body as UiRequest)) };
            } catch (error) {
              const shot = join(screenshotDir, `ui-failure-${++failures}.png`);
              await page.screenshot({ path: shot }).catch(() => undefined);
              return { ok: false, error: `${String((error as Error)?.stack ?? error)}\n(screenshot: ${shot})` };
            }
          }));
          return reply(200, await answer);
        }
        case '/reference':
          return reply(200, { tokens: referenceEngine(body.encoding).count(body.text) });
        case '/anthropic-requests':
          return reply(200, { count: anthropicRequests });
        case '/results':
          deliver(body as SuiteResults);
          return reply(200, {});
        default:
          return reply(404, { error: `no ${request.url}` });
      }
    } catch (error) {
      reply(500, { error: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, results, close: () => server.close() };
}

/**
 * count_tokens as Anthropic documents it: the key in `x-api-key` (here `test-key`), `anthropic-version`,
 * a JSON body with a model and messages; the answer `{"input_tokens": n}`, or an error object. The
 * count is the legacy Claude tokenizer's plus 9 (the message's framing): a number the extension cannot
 * arrive at by its own estimate.
 */
function answerCountTokens(mode: string, request: IncomingMessage, body: string, response: import('node:http').ServerResponse): void {
  const send = (status: number, answer: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    response.end(JSON.stringify(answer));
  };
  const error = (status: number, type: string, message: string) => send(status, { type: 'error', error: { type, message } });
  if (mode === 'silent') return; // never answers
  if (mode === '429') return error(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit');
  if (request.headers['x-api-key'] !== 'test-key') return error(401, 'authentication_error', 'invalid x-api-key');
  if (request.headers['anthropic-version'] !== '2023-06-01') return error(400, 'invalid_request_error', 'anthropic-version header is required');
  let parsed: { model?: unknown; messages?: { role?: unknown; content?: unknown }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return error(400, 'invalid_request_error', 'body is not JSON');
  }
  const content = parsed.messages?.[0]?.content;
  if (typeof parsed.model !== 'string' || parsed.messages?.length !== 1 || parsed.messages[0].role !== 'user' || typeof content !== 'string') {
    return error(400, 'invalid_request_error', 'expected a model and one user message');
  }
  send(200, { input_tokens: referenceEngine('claude').count(content) + 9 });
}

/** The pane of a view, found by the title its header shows. */
function viewPane(page: Page, title: string) {
  return page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${title}"]`) }).first();
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

async function perform(page: Page, request: UiRequest): Promise<Omit<UiResponse, 'ok'>> {
  switch (request.action) {
    case 'type':
      if (request.at) {
        // The selection set from the extension host reaches the renderer asynchronously: wait for it.
        const expected = `Ln ${request.at.line + 1}, Col ${request.at.character + 1}`;
        await page.locator('[id="status.editor.selection"]', { hasText: expected }).waitFor({ state: 'visible', timeout: 10_000 });
      }
      await page.keyboard.type(request.text, { delay: 30 });
      return {};
    case 'press':
      await page.keyboard.press(request.key);
      return {};
    case 'suggest': {
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      await widget.waitFor({ state: 'visible', timeout: 10_000 });
      // Wait for the provider's items rather than the first (word-based) ones.
      await page.waitForFunction(
        (expected) => Array.from(document.querySelectorAll('.suggest-widget.visible .monaco-list-row')).some((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').includes(expected)),
        request.expect,
        { timeout: 10_000 },
      ).catch(() => undefined);
      const labels = await widget.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
      if (request.screenshot) await page.screenshot({ path: request.screenshot });
      return { texts: labels };
    }
    case 'hover': {
      const token = page.locator('.monaco-editor .view-lines span span', { hasText: request.text }).first();
      await token.waitFor({ state: 'visible', timeout: 10_000 });
      await token.hover();
      const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents');
      await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForFunction((expected) => document.querySelector('.monaco-hover:not(.hidden)')?.textContent?.includes(expected), request.expect, { timeout: 10_000 }).catch(() => undefined);
      const texts = await hover.allInnerTexts();
      if (request.screenshot) await page.screenshot({ path: request.screenshot });
      return { texts };
    }
    case 'watchStatusbar':
      // Texts can change faster than requests arrive: record each one in the page as it appears.
      await page.evaluate(({ id, tab }) => {
        // With the wall-clock time each text appeared, for the benchmark of the first count.
        const seen: { text: string; at: number }[] = [];
        (window as unknown as { boxStatusSeen: { text: string; at: number }[] }).boxStatusSeen = seen;
        let tabSeen = false;
        const record = () => {
          const item = document.querySelector(`[id="${id}"], [id$=".${id}"]`) as HTMLElement | null;
          const text = item?.innerText.trim();
          if (text && seen[seen.length - 1]?.text !== text) seen.push({ text, at: Date.now() });
          // The tab (or, with tabs hidden, the window title) naming the file.
          if (tab && !tabSeen && (document.title.includes(tab) || document.querySelector(`.tab[aria-label^="${tab}"]`))) {
            tabSeen = true;
            seen.push({ text: 'tab opened', at: Date.now() });
          }
        };
        new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        record();
      }, { id: request.id, tab: request.tab });
      return {};
    case 'tokenColors': {
      // The colour of the span (the editor draws one per run of equally styled tokens) that spells each
      // text, with or without its quotes. Read in one go in the page, so no span is replaced between
      // finding and reading it, and only once every text has a span of its own (before the line is
      // tokenized it is one span) with the same colours on three frames in a row: tokenized and drawn.
      const found = await page.waitForFunction(
        (texts) => {
          const state = window as unknown as { boxTokenColours?: { key: string; frames: number } };
          const spans = Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines span span'));
          const colours = texts.map((text) => {
            const span = spans.find((s) => [text, `"${text}"`, `'${text}'`].includes(s.textContent ?? ''));
            return span ? getComputedStyle(span).color : '';
          });
          const key = colours.join(' | ');
          state.boxTokenColours = colours.every(Boolean) && state.boxTokenColours?.key === key ? { key, frames: state.boxTokenColours.frames + 1 } : { key, frames: 1 };
          return colours.every(Boolean) && state.boxTokenColours.frames >= 3 ? colours : false;
        },
        request.texts,
        { polling: 'raf', timeout: 10_000 },
      );
      return { texts: (await found.jsonValue()) as string[] };
    }
    case 'notifications': {
      const center = page.locator('.notifications-center.visible');
      await center.waitFor({ state: 'visible', timeout: 10_000 });
      // A message is shown without being awaited: it may reach the window after the command returns.
      await page
        .waitForFunction(
          (expected) => Array.from(document.querySelectorAll<HTMLElement>('.notifications-center.visible .notification-list-item-message')).some((m) => m.innerText === expected),
          request.expect,
          { timeout: 10_000 },
        )
        .catch(() => undefined);
      return { texts: await center.locator('.notification-list-item-message').allInnerTexts() };
    }
    case 'quickInput': {
      // Typed into the input box once it is open and focused (typing earlier would go to the editor).
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      await page.waitForFunction(() => !!document.activeElement?.closest('.quick-input-box'), undefined, { timeout: 10_000 });
      await page.keyboard.type(request.text, { delay: 10 });
      await page.keyboard.press('Enter');
      return {};
    }
    case 'quickPick': {
      const widget = page.locator('.quick-input-widget');
      await widget.waitFor({ state: 'visible', timeout: 20_000 });
      // The list draws only the rows in sight: a filter brings a far one into view.
      if (request.filter) {
        await page.waitForFunction(() => !!document.activeElement?.closest('.quick-input-box'), undefined, { timeout: 10_000 });
        await page.keyboard.type(request.filter, { delay: 10 });
      }
      // The same widget shows input boxes: wait for the pick's own rows.
      await widget.locator('.monaco-list-row', { hasText: request.choose }).first().waitFor({ state: 'visible', timeout: 20_000 });
      const title = await widget.locator('.quick-input-title').innerText();
      const rows = await widget.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      if (request.screenshot) await page.screenshot({ path: request.screenshot });
      // By keyboard: a hover over one row may cover the next, and the first row starts active.
      const index = rows.findIndex((r) => r.includes(request.choose));
      if (index < 0) throw new Error(`no row "${request.choose}" in the quick pick: ${rows.join(' | ')}`);
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      return { texts: [title, ...rows] };
    }
    case 'viewRows': {
      const pane = viewPane(page, request.view);
      await page.waitForFunction(
        ({ title, expected }) => {
          const header = Array.from(document.querySelectorAll('.pane-header')).find((h) => h.getAttribute('aria-label')?.startsWith(title));
          const body = header?.parentElement?.querySelector('.pane-body');
          return Array.from(body?.querySelectorAll('.monaco-list-row') ?? []).some((r) => (r.getAttribute('aria-label') ?? '') === expected);
        },
        { title: request.view, expected: request.expect },
        { timeout: 10_000 },
      ).catch(() => undefined);
      const rows = await pane.locator('.pane-body .monaco-list-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-label') ?? ''}${r.getAttribute('aria-expanded') === 'false' ? ' [collapsed]' : ''}`));
      const header = await pane.locator('.pane-header').first().innerText();
      const message = await pane.locator('.pane-body .message').allInnerTexts().catch(() => []);
      if (request.screenshot) await page.screenshot({ path: request.screenshot });
      return { texts: [header.replace(/\s+/g, ' ').trim(), ...message.filter((m) => m.trim()).map((m) => `message: ${m.trim()}`), ...rows] };
    }
    case 'viewRowAction': {
      const row = viewPane(page, request.view).locator(`.pane-body .monaco-list-row[aria-label^="${request.row},"]`).first();
      await row.hover();
      await row.locator(`.action-label[aria-label="${request.title}"]`).click();
      return {};
    }
    case 'workers':
      // Every Web Worker the page runs, nested ones included, by script URL.
      return { texts: page.workers().map((worker) => worker.url()) };
    case 'statusbarHistory': {
      const timed = await page.evaluate(() => (window as unknown as { boxStatusSeen?: { text: string; at: number }[] }).boxStatusSeen ?? []);
      return { texts: timed.map((s) => s.text), timed };
    }
    case 'statusbarTooltip': {
      // The item's hover, as a user sees it on pointing at the item; then the pointer moves away.
      const item = page.locator(`[id="${request.id}"], [id$=".${request.id}"]`).first();
      await item.hover();
      const hover = page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ hasText: request.expect }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
      const texts = await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').allInnerTexts();
      await page.mouse.move(0, 0);
      await page.keyboard.press('Escape');
      return { texts };
    }
    case 'statusbar': {
      // Extension items carry their extension's id before the id they were created with.
      // A hidden item is not in the page: no text (the suites ask again until theirs shows).
      const item = page.locator(`[id="${request.id}"], [id$=".${request.id}"]`).first();
      if ((await item.count()) === 0) return { texts: [], className: '' };
      const texts = await item.allInnerTexts();
      const aria = await item.getAttribute('aria-label');
      const className = (await item.getAttribute('class')) ?? '';
      return { texts: aria ? [...texts, aria] : texts, className };
    }
  }
}
