// Requests from the suites (in the extension host, Node or web worker) to the harness's driver
// (test/harness/driver.ts), over HTTP on 127.0.0.1.
export type UiRequest =
  | { action: 'type'; text: string; at?: { line: number; character: number } }
  | { action: 'press'; key: string }
  | { action: 'suggest'; expect: string; screenshot?: string }
  | { action: 'hover'; text: string; expect: string; screenshot?: string }
  | { action: 'statusbar'; id: string }
  /** The status bar item's tooltip, shown by pointing at it, once it holds `expect`. */
  | { action: 'statusbarTooltip'; id: string; expect: string }
  /** Starts recording every text the status bar item shows; `statusbarHistory` returns them. */
  /** With `tab`, also records (as the text `tab opened`) when an editor tab of that name first shows. */
  | { action: 'watchStatusbar'; id: string; tab?: string }
  | { action: 'statusbarHistory' }
  /** The colours of the spans (runs of equally styled tokens) spelling each text, quoted or not, once the editor has tokenized and drawn them. */
  | { action: 'tokenColors'; texts: string[] }
  /** The messages in the notification center (the suites open it: toasts are off with the smoke-test driver), once one of them is `expect`. */
  | { action: 'notifications'; expect: string }
  /** Waits for an input box (`showInputBox`), types `text` into it and presses Enter. */
  | { action: 'quickInput'; text: string }
  /** Waits for a quick pick (typing `filter` into it first), returns its title and rows, and picks the row whose label includes `choose`. */
  | { action: 'quickPick'; choose: string; filter?: string; screenshot?: string }
  /** The view's header, its message (`message: …`) and its rows' accessible labels, once `expect` shows among the rows or in the message. */
  | { action: 'viewRows'; view: string; expect: string; screenshot?: string }
  /** Hovers the view row whose label starts with `row` and clicks its inline action titled `title`. */
  | { action: 'viewRowAction'; view: string; row: string; title: string }
  | { action: 'workers' };

export interface UiResponse {
  ok: boolean;
  error?: string;
  texts?: string[];
  /** statusbarHistory: each text with the wall-clock time (ms) it appeared. */
  timed?: { text: string; at: number }[];
  className?: string;
}

/** The driver's address: from the environment on Node; the web suites set it from their config. */
let driver: string | undefined = typeof process === 'undefined' ? undefined : process.env.BOX_AI_MODELS_DRIVER || undefined;

export function setDriver(url: string): void {
  driver = url;
}

/** The driver's address (it also serves Box's model docs under /docs/). */
export function driverUrl(): string {
  if (!driver) throw new Error('no driver: BOX_AI_MODELS_DRIVER is not set');
  return driver;
}

/** True when the harness's driver is there to serve requests (not under @vscode/test-electron). */
export function uiDriverAvailable(): boolean {
  return driver !== undefined;
}

/** Posts to the driver and returns its JSON answer. */
export async function callDriver<T>(path: string, body: unknown, timeoutMs = 30_000): Promise<T> {
  if (!driver) throw new Error('no driver: BOX_AI_MODELS_DRIVER is not set');
  // text/plain keeps the cross-origin request simple (no preflight) from the web worker.
  const response = await fetch(`${driver}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'text/plain' }, signal: AbortSignal.timeout(timeoutMs) }).catch((error: Error & { cause?: Error }) => {
    // fetch says only "fetch failed"; the cause says what happened to the connection.
    throw new Error(`request to the driver's ${path} failed: ${error.message}${error.cause ? ` (${error.cause.message})` : ''}`);
  });
  if (!response.ok) throw new Error(`driver answered ${response.status} to ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends one UI request to the driver and waits for its answer. */
export async function ui(request: UiRequest, timeoutMs = 30_000): Promise<UiResponse> {
  const response = await callDriver<UiResponse>('/ui', request, timeoutMs);
  if (!response.ok) throw new Error(`UI driver failed on ${request.action}: ${response.error}`);
  return response;
}
