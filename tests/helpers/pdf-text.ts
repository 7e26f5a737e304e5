import { inflateSync } from 'node:zlib';

/** One page of a PDF: its size in points (MediaBox) and the text drawn on it, line by line. */
export type PdfPage = { width: number; height: number; text: string };

type PdfObject = { dict: string; stream: Buffer | null };

/**
 * Reads the pages of a PDF as Chromium's print writes it (Skia: plain indirect objects, no
 * object streams, fonts of Type 0 with a ToUnicode map, text shown with `Tj`/`TJ` between
 * `BT` and `ET`): each page's MediaBox, and its text decoded through the fonts' ToUnicode
 * maps, a new line wherever the text matrix moves to another baseline. Enough to check what
 * a printed report says and on how many pages of what size; not a general PDF reader (it
 * throws rather than guess when a page uses something it does not know).
 */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const objects = readObjects(pdf);
  const get = (ref: string | undefined) => {
    const found = ref === undefined ? undefined : objects.get(Number(ref));
    if (!found) throw new Error(`pdf: no object ${ref}`);
    return found;
  };
  const pageIds = [...objects.keys()].filter((id) =>
    /\/Type\s*\/Page(?![a-zA-Z])/.test(objects.get(id)?.dict ?? ''),
  );
  // Page order: the /Kids of the page tree, which here is one /Pages node.
  const tree = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict));
  const kids = [
    ...(tree?.dict.match(/\/Kids\s*\[([^\]]*)\]/)?.[1] ?? '').matchAll(/(\d+)\s+0\s+R/g),
  ].map((m) => Number(m[1]));
  const ordered = kids.length === pageIds.length ? kids : pageIds;
  const unicodeMaps = new Map<number, Map<number, string>>();
  const fontMap = (fontId: number) => {
    let map = unicodeMaps.get(fontId);
    if (!map) {
      const toUnicode = get(String(fontId)).dict.match(/\/ToUnicode\s+(\d+)\s+0\s+R/)?.[1];
      map = toUnicode ? parseToUnicode(get(toUnicode).stream?.toString('latin1') ?? '') : new Map();
      unicodeMaps.set(fontId, map);
    }
    return map;
  };
  return ordered.map((id) => {
    const page = get(String(id));
    const box = page.dict.match(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/);
    if (!box) throw new Error(`pdf: page ${id} has no MediaBox of its own`);
    const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
    const resources = page.dict.match(/\/Resources\s+(\d+)\s+0\s+R/)?.[1];
    const resourceDict = resources ? get(resources).dict : page.dict;
    const fontsText =
      resourceDict.match(/\/Font\s*<<([^>]*)>>/)?.[1] ??
      get(resourceDict.match(/\/Font\s+(\d+)\s+0\s+R/)?.[1]).dict;
    const fonts = new Map(
      [...fontsText.matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g)].map((m) => [m[1] ?? '', Number(m[2])]),
    );
    const contentRefs = page.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/)?.[1] ?? '';
    const content = [...contentRefs.matchAll(/(\d+)\s+0\s+R/g)]
      .map((m) => get(m[1]).stream?.toString('latin1') ?? '')
      .join('\n');
    const text = showText(content, (name) => {
      const fontId = fonts.get(name);
      if (fontId === undefined) throw new Error(`pdf: page ${id} uses an unknown font ${name}`);
      return fontMap(fontId);
    });
    return { width: x1 - x0, height: y1 - y0, text };
  });
}

/** Every `n 0 obj … endobj`: its dictionary and, when it has one, its stream (inflated). */
function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const start = /(\d+)\s+0\s+obj\b/g;
  for (let m = start.exec(text); m !== null; m = start.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const streamAt = text.indexOf('stream', bodyStart);
    const endAt = text.indexOf('endobj', bodyStart);
    if (endAt < 0) throw new Error(`pdf: object ${m[1]} has no endobj`);
    if (streamAt < 0 || streamAt > endAt) {
      objects.set(Number(m[1]), { dict: text.slice(bodyStart, endAt), stream: null });
      continue;
    }
    const dict = text.slice(bodyStart, streamAt);
    let dataStart = streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const length = Number(dict.match(/\/Length\s+(\d+)(?!\s+0\s+R)/)?.[1] ?? Number.NaN);
    const dataEnd = Number.isFinite(length)
      ? dataStart + length
      : text.indexOf('endstream', dataStart);
    const raw = pdf.subarray(dataStart, dataEnd);
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
    objects.set(Number(m[1]), { dict, stream });
    start.lastIndex = text.indexOf('endobj', dataEnd);
  }
  return objects;
}

/** A ToUnicode CMap's `bfchar` and `bfrange` entries: glyph code → text. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => Number.parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code = '', to = ''] of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g,
    )) {
      map.set(Number.parseInt(code, 16), utf16(to));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const ranges = (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
    );
    for (const [, from = '', to = '', target = ''] of ranges) {
      const [low, high] = [Number.parseInt(from, 16), Number.parseInt(to, 16)];
      const targets = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1] ?? '');
      for (let code = low; code <= high; code += 1) {
        if (target.startsWith('[')) map.set(code, utf16(targets[code - low] ?? ''));
        else {
          const first = targets[0] ?? '';
          const last = Number.parseInt(first.slice(-4), 16) + (code - low);
          map.set(code, utf16(first.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

/**
 * The text a content stream shows: each hex string of `Tj`/`TJ` decoded two bytes a glyph in
 * the current font, consecutive pieces on one baseline joined, a new line for a new baseline.
 */
function showText(content: string, fontMap: (name: string) => Map<number, string>): string {
  let map: Map<number, string> = new Map();
  let line = '';
  const lines: string[] = [];
  let baseline: number | null = null;
  const tokens = content.matchAll(
    /\/(\w+)\s+[\d.]+\s+Tf|(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+Tm|(-?[\d.]+)\s+(-?[\d.]+)\s+T[dD]|(<[0-9a-fA-F]*>)\s*Tj|\[((?:[^\]])*)\]\s*TJ/g,
  );
  const decode = (hex: string) =>
    (hex.match(/[0-9a-fA-F]{4}/g) ?? [])
      .map((glyph) => map.get(Number.parseInt(glyph, 16)) ?? '\ufffd')
      .join('');
  const moveTo = (y: number) => {
    if (baseline !== null && Math.abs(y - baseline) > 0.5) {
      lines.push(line);
      line = '';
    }
    baseline = y;
  };
  for (const token of tokens) {
    if (token[1] !== undefined) map = fontMap(token[1]);
    else if (token[7] !== undefined) moveTo(Number(token[7]));
    else if (token[9] !== undefined) moveTo((baseline ?? 0) + Number(token[9]));
    else if (token[10] !== undefined) line += decode(token[10].slice(1, -1));
    else if (token[11] !== undefined) {
      for (const piece of token[11].matchAll(/<([0-9a-fA-F]*)>/g)) line += decode(piece[1] ?? '');
    }
  }
  lines.push(line);
  return lines.join('\n');
}
