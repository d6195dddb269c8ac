// The scanning worker as a Web Worker (VS Code for the Web).
/// <reference lib="webworker" />
import { Scanning, ToScanner } from './scanning';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const scanning = new Scanning((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ToScanner>) => scanning.onMessage(event.data);
