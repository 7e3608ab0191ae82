/**
 * A small seeded pseudo-random source (mulberry32): the same seed gives the
 * same demo, event ids included, on every machine.
 */
interface Random {
  /** Returns a float in [0, 1). */
  next(): number;
  /** Returns an integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Returns `count` lowercase hex digits. */
  hex(count: number): string;
  /** Returns a version-4-shaped UUID in lowercase. */
  uuid(): string;
}

/**
 * Returns a seeded random source.
 *
 * @param seed - any integer; equal seeds give equal sequences
 */
const createRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number =>
    min + Math.floor(next() * (max - min + 1));
  const hex = (count: number): string =>
    Array.from({ length: count }, () => int(0, 15).toString(16)).join('');
  const uuid = (): string =>
    `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`;
  return { next, int, hex, uuid };
};

export type { Random };
export { createRandom };
