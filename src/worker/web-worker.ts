// The token-counting worker as a Web Worker (VS Code for the Web).
/// <reference lib="webworker" />
import { Counting } from './counting';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A message to itself lets queued messages in without setTimeout's clamping of nested calls to 4 ms.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToMessages = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(undefined);
  });

const counting = new Counting((message: FromWorker) => scope.postMessage(message), yieldToMessages);
scope.onmessage = (event: MessageEvent<ToWorker>) => counting.onMessage(event.data);
