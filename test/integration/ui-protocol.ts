// Requests from the suites (in the extension host, Node or web worker) to the harness's driver
// (test/harness/driver.ts), over HTTP on 127.0.0.1.
export type UiRequest =
  | { action: 'type'; text: string; at?: { line: number; character: number } }
  | { action: 'press'; key: string }
  | { action: 'suggest'; expect: string; screenshot?: string }
  | { action: 'hover'; text: string; expect: string; screenshot?: string }
  | { action: 'statusbar'; id: string }
  /** Starts recording every text the status bar item shows; `statusbarHistory` returns them. */
  | { action: 'watchStatusbar'; id: string }
  | { action: 'statusbarHistory' }
  /** The colour of the first visible span of text (a run of equally styled tokens) spelling `text`, quoted or not. */
  | { action: 'tokenColor'; text: string };

export interface UiResponse {
  ok: boolean;
  error?: string;
  texts?: string[];
  className?: string;
}

/** The driver's address: from the environment on Node; the web suites set it from their config. */
let driver: string | undefined = typeof process === 'undefined' ? undefined : process.env.BOX_AI_MODELS_DRIVER || undefined;

export function setDriver(url: string): void {
  driver = url;
}

/** True when the harness's driver is there to serve requests (not under @vscode/test-electron). */
export function uiDriverAvailable(): boolean {
  return driver !== undefined;
}

/** Posts to the driver and returns its JSON answer. */
export async function callDriver<T>(path: string, body: unknown, timeoutMs = 30_000): Promise<T> {
  if (!driver) throw new Error('no driver: BOX_AI_MODELS_DRIVER is not set');
  // text/plain keeps the cross-origin request simple (no preflight) from the web worker.
  const response = await fetch(`${driver}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'text/plain' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`driver answered ${response.status} to ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends one UI request to the driver and waits for its answer. */
export async function ui(request: UiRequest, timeoutMs = 30_000): Promise<UiResponse> {
  const response = await callDriver<UiResponse>('/ui', request, timeoutMs);
  if (!response.ok) throw new Error(`UI driver failed on ${request.action}: ${response.error}`);
  return response;
}
