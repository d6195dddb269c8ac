// Messages between integration tests (in the extension host) and the harness's browser driver.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export type UiRequest =
  | { action: 'type'; text: string; at?: { line: number; character: number } }
  | { action: 'press'; key: string }
  | { action: 'suggest'; expect: string; screenshot?: string }
  | { action: 'hover'; text: string; expect: string; screenshot?: string }
  | { action: 'statusbar'; id: string }
  /** Starts recording every text the status bar item shows; `statusbarHistory` returns them. */
  | { action: 'watchStatusbar'; id: string }
  | { action: 'statusbarHistory' };

export interface UiResponse {
  ok: boolean;
  error?: string;
  texts?: string[];
  className?: string;
}

let counter = 0;

/** True when a browser driver is there to serve requests (the code-server harness, not test-electron). */
export function uiDriverAvailable(): boolean {
  return !!process.env.BOX_AI_MODELS_UI_DIR;
}

/** Sends one request to the browser driver and waits for its answer. */
export async function ui(request: UiRequest, timeoutMs = 30_000): Promise<UiResponse> {
  const dir = process.env.BOX_AI_MODELS_UI_DIR;
  if (!dir) throw new Error('no UI driver: BOX_AI_MODELS_UI_DIR is not set');
  const id = `${process.pid}-${++counter}`;
  writeFileSync(join(dir, `request-${id}.tmp`), JSON.stringify(request));
  renameSync(join(dir, `request-${id}.tmp`), join(dir, `request-${id}.json`));
  const responseFile = join(dir, `response-${id}.json`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(responseFile)) {
    if (Date.now() > deadline) throw new Error(`UI driver did not answer ${request.action} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const response = JSON.parse(readFileSync(responseFile, 'utf8')) as UiResponse;
  if (!response.ok) throw new Error(`UI driver failed on ${request.action}: ${response.error}`);
  return response;
}
