/**
 * A seeded source of randomness. Demo data must come out the same for the same seed, on any
 * machine and any Node version, so nothing here touches `Math.random` or the clock.
 */
export type Random = {
  /** A uniform number in [0, 1). */
  float: () => number;
  /** A uniform unsigned 32-bit integer. */
  uint32: () => number;
};

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand): 128 bits of
 * state, fast in 32-bit JavaScript arithmetic, passes PractRand and BigCrush. Its state is
 * filled by splitmix32 so that neighbouring seeds (1, 2, 3) give unrelated streams. Seeds
 * above 2³² are folded in rather than truncated, so every safe integer is its own seed.
 */
export function seededRandom(seed: number): Random {
  let mix = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x85ebca6b);
  const splitmix32 = () => {
    mix = (mix + 0x9e3779b9) | 0;
    let t = Math.imul(mix ^ (mix >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const uint32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i += 1) uint32();
  return { uint32, float: () => uint32() / 2 ** 32 };
}

/** A normal draw (Box–Muller; one of the pair is dropped, which keeps the stream simple). */
export function normal(random: Random, mean: number, sd: number): number {
  const u = 1 - random.float();
  const v = random.float();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random.float() < p;
}

/** A whole number from `min` to `max`, both included. */
export function integerBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random.float() * (max - min + 1));
}

/** One of `values`, with probability proportional to `weights` (same order, not all zero). */
export function pickWeighted<T>(random: Random, values: readonly T[], weights: readonly number[]) {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let left = random.float() * total;
  for (let i = 0; i < values.length; i += 1) {
    left -= weights[i] ?? 0;
    if (left < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

/** Shuffles an array of numbers (typed arrays included) in place (Fisher–Yates). */
export function shuffle<T extends { length: number; [index: number]: number }>(
  random: Random,
  items: T,
): T {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.float() * (i + 1));
    const kept = items[i] as number;
    items[i] = items[j] as number;
    items[j] = kept;
  }
  return items;
}

/**
 * A version 4 UUID from the seeded stream: 122 random bits, the version nibble 4 and the
 * RFC 9562 variant bits 10, so it passes every validator a real client's id passes.
 */
export function seededUuid(random: Random): string {
  const hex = (word: number) => word.toString(16).padStart(8, '0');
  const w0 = hex(random.uint32());
  const w1 = hex(((random.uint32() & 0xffff0fff) | 0x00004000) >>> 0);
  const w2 = hex(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
  const w3 = hex(random.uint32());
  return `${w0}-${w1.slice(0, 4)}-${w1.slice(4)}-${w2.slice(0, 4)}-${w2.slice(4)}${w3}`;
}
