// Anthropic's token counting endpoint, as documented: POST /v1/messages/count_tokens with the API key
// and version headers and a Messages request body; the answer holds `input_tokens`.

export const ANTHROPIC_COUNT_TOKENS_URL = 'https://api.anthropic.com/v1/messages/count_tokens';
const ANTHROPIC_VERSION = '2023-06-01';
/** Claude 3 through 4.5 share one tokenizer: any of them counts the same, so one model is named. */
export const COUNTING_MODEL = 'claude-sonnet-4-5';

export interface HttpRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** The request that counts `text` sent as one user message. */
export function countTokensRequest(text: string, apiKey: string): HttpRequest {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': apiKey,
      'anthropic-version': ANTHROPIC_VERSION,
      // Required for calls from a browser (VS Code for the Web); ignored elsewhere.
      'anthropic-dangerous-direct-browser-access': 'true',
    },
    body: JSON.stringify({ model: COUNTING_MODEL, messages: [{ role: 'user', content: text }] }),
  };
}

/** The count from an answer, or why there is none, in words for the tooltip and the log. */
export function readCountTokensAnswer(status: number, body: string): { tokens: number } | { failure: string } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    data = undefined;
  }
  const message = (data as { error?: { message?: unknown } } | undefined)?.error?.message;
  const detail = typeof message === 'string' ? `: ${message}` : '';
  if (status === 401 || status === 403) return { failure: `the API key was refused (HTTP ${status}${detail})` };
  if (status === 429) return { failure: `rate-limited (HTTP 429${detail})` };
  if (status < 200 || status >= 300) return { failure: `HTTP ${status}${detail}` };
  const tokens = (data as { input_tokens?: unknown } | undefined)?.input_tokens;
  if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 0) return { failure: 'the answer holds no input_tokens count' };
  return { tokens };
}
