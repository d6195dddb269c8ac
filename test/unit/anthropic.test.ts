import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNTING_MODEL, countTokensRequest, readCountTokensAnswer } from '../../src/core/tokens/anthropic';

test("count_tokens: the documented request (key and version headers, one user message)", () => {
  const request = countTokensRequest('Hello, Claude', 'sk-test');
  assert.equal(request.method, 'POST');
  assert.equal(request.headers['x-api-key'], 'sk-test');
  assert.equal(request.headers['anthropic-version'], '2023-06-01');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(request.body), { model: COUNTING_MODEL, messages: [{ role: 'user', content: 'Hello, Claude' }] });
});

test('count_tokens: the answer gives the count; every failure says why', () => {
  assert.deepEqual(readCountTokensAnswer(200, '{"input_tokens": 1234}'), { tokens: 1234 });
  const error = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message } });
  assert.deepEqual(readCountTokensAnswer(401, error('authentication_error', 'invalid x-api-key')), { failure: 'the API key was refused (HTTP 401: invalid x-api-key)' });
  assert.deepEqual(readCountTokensAnswer(429, error('rate_limit_error', 'slow down')), { failure: 'rate-limited (HTTP 429: slow down)' });
  assert.deepEqual(readCountTokensAnswer(529, '<html>overloaded</html>'), { failure: 'HTTP 529' });
  assert.deepEqual(readCountTokensAnswer(200, '{"tokens": 3}'), { failure: 'the answer holds no input_tokens count' });
  assert.deepEqual(readCountTokensAnswer(200, 'not json'), { failure: 'the answer holds no input_tokens count' });
});
