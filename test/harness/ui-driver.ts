/// <reference lib="dom" />
// Serves UI-level requests that integration tests running in the extension host cannot do through the
// `vscode` API: typing into the focused editor and reading the suggest widget, hovers and the status
// bar from the workbench DOM. Protocol: the test writes ui/request-<n>.json; this writes response-<n>.json.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { UiRequest, UiResponse } from '../integration/ui-protocol';

export async function serveUiRequests(page: Page, dir: string, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const requests = existsSync(dir) ? readdirSync(dir).filter((f) => /^request-[\d-]+\.json$/.test(f)) : [];
    for (const file of requests) {
      const id = file.slice('request-'.length, -'.json'.length);
      const request = JSON.parse(readFileSync(join(dir, file), 'utf8')) as UiRequest;
      renameSync(join(dir, file), join(dir, `handled-${id}.json`));
      let response: UiResponse;
      try {
        response = { ok: true, ...(await perform(page, request)) };
      } catch (error) {
        const shot = join(dir, `failure-${id}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        response = { ok: false, error: `${String((error as Error)?.stack ?? error)}\n(screenshot: ${shot})` };
      }
      writeFileSync(join(dir, `response-${id}.tmp`), JSON.stringify(response));
      renameSync(join(dir, `response-${id}.tmp`), join(dir, `response-${id}.json`));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
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
      await page.evaluate((id) => {
        const seen: string[] = [];
        (window as unknown as { boxStatusSeen: string[] }).boxStatusSeen = seen;
        const record = () => {
          const item = document.querySelector(`[id="${id}"], [id$=".${id}"]`) as HTMLElement | null;
          const text = item?.innerText.trim();
          if (text && seen[seen.length - 1] !== text) seen.push(text);
        };
        new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
        record();
      }, request.id);
      return {};
    case 'statusbarHistory':
      return { texts: await page.evaluate(() => (window as unknown as { boxStatusSeen?: string[] }).boxStatusSeen ?? []) };
    case 'statusbar': {
      // Extension items carry their extension's id before the id they were created with.
      const item = page.locator(`[id="${request.id}"], [id$=".${request.id}"]`).first();
      await item.waitFor({ state: 'attached', timeout: 10_000 });
      const texts = await item.allInnerTexts();
      const aria = await item.getAttribute('aria-label');
      const className = (await item.getAttribute('class')) ?? '';
      return { texts: aria ? [...texts, aria] : texts, className };
    }
  }
}
