// How wide printed text is, in ems of its font size, without a renderer: the DOCX and XLSX writers
// size their columns and rows from it (so an amount or a code never breaks inside a column, and a
// wrapped cell gets the height its lines need), and the HTML writer tells which rows are long enough
// that they must be allowed to continue on the next page. Chinese characters and full-width
// punctuation are one em in every CJK font; Latin characters use the advance widths of the face the
// writer names for them.

/**
 * The face of the Latin characters: `serif` Times New Roman (figures in DOCX tables), `narrow`
 * Arial Narrow (figures of the dense DOCX tables), `song` the half-width Latin glyphs of 宋体
 * (every character of an XLSX cell).
 */
export type LatinFace = 'serif' | 'narrow' | 'song';

/** Characters one em wide: CJK ideographs, kana, hangul, full-width forms and CJK punctuation. */
const WIDE = /[\u1100-\u115F\u2E80-\u303F\u3040-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u2014\u2018\u2019\u201C\u201D\u2026\u2030\u2103\u2116\u2160-\u217F\u2460-\u24FF\u25A0-\u25FF\u2605\u2606]/u;

// advance widths in ems (Times New Roman and Arial Narrow metrics); letters not listed use the
// averages below, which err on the wide side
const SERIF: Record<string, number> = { '0': 0.5, '1': 0.5, '2': 0.5, '3': 0.5, '4': 0.5, '5': 0.5, '6': 0.5, '7': 0.5, '8': 0.5, '9': 0.5, '.': 0.25, ',': 0.25, '-': 0.333, '%': 0.833, ' ': 0.25, '(': 0.333, ')': 0.333, '/': 0.278, ':': 0.278, '<': 0.564, '>': 0.564, '=': 0.564, '+': 0.564 };
const NARROW: Record<string, number> = { '0': 0.456, '1': 0.456, '2': 0.456, '3': 0.456, '4': 0.456, '5': 0.456, '6': 0.456, '7': 0.456, '8': 0.456, '9': 0.456, '.': 0.228, ',': 0.228, '-': 0.273, '%': 0.729, ' ': 0.228, '(': 0.273, ')': 0.273, '/': 0.228, ':': 0.228, '<': 0.479, '>': 0.479, '=': 0.479, '+': 0.479 };
const LETTERS = { serif: { upper: 0.72, lower: 0.5 }, narrow: { upper: 0.6, lower: 0.46 } } as const;

/** Whether a character is printed one em wide. */
export function isWide(ch: string): boolean {
  return WIDE.test(ch);
}

function charWidth(ch: string, face: LatinFace): number {
  if (isWide(ch)) return 1;
  if (face === 'song') return 0.5;
  const known = (face === 'serif' ? SERIF : NARROW)[ch];
  if (known !== undefined) return known;
  const l = LETTERS[face];
  return ch >= 'A' && ch <= 'Z' ? l.upper : l.lower;
}

/** Width of a text on one line, in ems. */
export function textWidth(text: string, face: LatinFace): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, face);
  return w;
}

/**
 * The pieces a line may break between: every wide character alone (CJK text breaks anywhere), a run
 * of Latin characters (an amount, a code, a date) as one piece that never breaks, spaces apart.
 */
function pieces(text: string): string[] {
  return text.match(/[^\s]|\s+/gu)?.reduce<string[]>((out, ch) => {
    const last = out[out.length - 1];
    if (last !== undefined && !/\s/.test(ch) && !isWide(ch) && !/\s/.test(last) && !isWide(last.slice(-1))) out[out.length - 1] = last + ch;
    else out.push(ch);
    return out;
  }, []) ?? [];
}

/** The widest piece of a text that cannot break (an amount, a code), in ems: a column's minimum. */
export function unbreakableWidth(text: string, face: LatinFace): number {
  return Math.max(0, ...pieces(text).filter((p) => !/^\s+$/.test(p)).map((p) => textWidth(p, face)));
}

/** Lines a text takes in a width (ems), breaking as a word processor does; explicit line breaks kept. */
export function linesNeeded(text: string, width: number, face: LatinFace): number {
  if (width <= 0) return Number.POSITIVE_INFINITY;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const p of pieces(paragraph)) {
      const w = textWidth(p, face);
      if (used > 0 && used + w > width + 1e-9 && !/^\s+$/.test(p)) {
        lines++;
        used = 0;
      }
      // a piece wider than the line is broken inside by the renderer
      if (w > width) {
        lines += Math.ceil(w / width) - 1;
        used = w % width;
      } else used += w;
    }
  }
  return lines;
}
