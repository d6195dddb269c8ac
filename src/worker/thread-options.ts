// How the extension's Node worker threads are started (the counting, scanning and helper threads).

/**
 * A young generation of at most 8 MB: V8 grows a busy thread's to 32 MB or more, and a worker keeps
 * it when it falls idle (measured: a helper that counted 5 MB of text held 44 MB more than before it
 * started, 21 MB with this cap), at no cost in counting speed that we could measure.
 */
export const THREAD_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 8 } } as const;
