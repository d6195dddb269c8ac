/** A small deterministic PRNG so failures reproduce. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** Text of at least `length` characters made of randomly chosen fragments. */
export function randomDoc(next: () => number, fragments: readonly string[], length: number): string {
  let text = '';
  while (text.length < length) text += fragments[Math.floor(next() * fragments.length)];
  return text;
}
