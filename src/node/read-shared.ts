// Reading a file straight into shared memory (Node): the threads that count with a vocabulary then
// share this one copy, with no second one made to share it and no first one left as garbage.
import { open } from 'node:fs/promises';

/** The bytes of the file at `path`, in a SharedArrayBuffer. Rejects, saying why, when it cannot be read whole. */
export async function readIntoSharedMemory(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const data = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(data, at, size - at, at);
      if (bytesRead === 0) throw new Error(`it ended after ${at} of its ${size} bytes`);
      at += bytesRead;
    }
    return data;
  } finally {
    await handle.close();
  }
}
