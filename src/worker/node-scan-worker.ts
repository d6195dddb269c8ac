// The scanning worker as a Node worker thread (the desktop and remote extension hosts).
import { parentPort } from 'node:worker_threads';
import { nodeHeapFigures } from './node-heap';
import { Scanning, ToScanner } from './scanning';

const port = parentPort!;
const scanning = new Scanning((message) => port.postMessage(message), nodeHeapFigures);
port.on('message', (message: ToScanner) => scanning.onMessage(message));
