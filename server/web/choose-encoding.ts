/** The encodings we compress with, best first: brotli is smaller than gzip for our text. */
const ours = ['br', 'gzip'] as const;
export type Encoding = (typeof ours)[number];

/**
 * The encoding to answer with, from a request's `Accept-Encoding` (RFC 9110 §12.5.3): the one
 * of br and gzip with the highest weight, br on a tie; `*` stands for any not named; `q=0`
 * refuses. Null means the body as it is (identity).
 *
 * Examples: `gzip, deflate, br` → br; `gzip` → gzip; `br;q=0.5, gzip` → gzip;
 * `br;q=0, *` → gzip; `*` → br; `identity` → null; `` → null; no header → null.
 */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!token) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of ours) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
