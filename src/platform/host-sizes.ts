// How large a document the extension host reads itself. Up to these sizes the work takes a few
// milliseconds, in stretches the host's other work fits between, and no worker thread (about 7 MB, and
// what it then loads for itself) starts for it. Larger documents go to the workers.

/** The longest document scanned on the extension host (checks, completion, hover): the scanning worker starts with the first larger one. */
export const HOST_SCAN_MAX_CHARS = 64 * 1024;

/**
 * The longest document counted on the extension host, in the encodings whose table loads without a
 * parse (the byte-pair ones, loaded in steps): the counting worker starts with the first larger
 * document, or the first count in Gemma 3's vocabulary.
 */
export const HOST_COUNT_MAX_CHARS = 64 * 1024;
