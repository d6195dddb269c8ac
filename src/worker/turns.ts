// Giving way to a thread's other work between stretches of one's own.

/**
 * A function that resolves on the thread's next turn, once the messages and events that arrived
 * meanwhile have been taken: setImmediate in Node; elsewhere a message to itself, since a browser makes
 * nested setTimeout calls wait 4 ms each.
 */
export function turnTaker(): () => Promise<void> {
  if (typeof setImmediate === 'function') return () => new Promise((resolve) => setImmediate(resolve));
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(undefined);
    });
}
