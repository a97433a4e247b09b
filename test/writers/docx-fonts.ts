// Which East Asian font Word uses for each run of a DOCX part, resolved as Word does: the run's own
// properties, its character style chain, its paragraph's style chain (Normal when none), then the
// document defaults. A run whose chain ends without an eastAsia font (or names a theme font) falls
// back to the theme's, which is not the document's typeface.
import JSZip from 'jszip';

interface StyleInfo {
  readonly basedOn?: string;
  readonly eastAsia?: string;
}

const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];

/** The eastAsia font of an rPr, or 'theme' when it names a theme font, or undefined. */
function rPrFont(xml: string | undefined): string | undefined {
  if (!xml) return undefined;
  const fonts = /<w:rFonts\b[^>]*\/?>/.exec(xml)?.[0];
  if (!fonts) return undefined;
  if (attr(fonts, 'w:eastAsiaTheme')) return 'theme';
  return attr(fonts, 'w:eastAsia');
}

function parseStyles(stylesXml: string) {
  const styles = new Map<string, StyleInfo>();
  let defaultParagraph: string | undefined;
  for (const m of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(m[1]!, 'w:styleId')!;
    const body = m[2]!;
    if (attr(m[1]!, 'w:type') === 'paragraph' && /w:default="(1|true)"/.test(m[1]!)) defaultParagraph = id;
    const basedOn = /<w:basedOn w:val="([^"]+)"/.exec(body)?.[1];
    const eastAsia = rPrFont(/<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1]);
    styles.set(id, { ...(basedOn ? { basedOn } : {}), ...(eastAsia ? { eastAsia } : {}) });
  }
  const defaults = rPrFont(/<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(stylesXml)?.[1]);
  return { styles, defaultParagraph, defaults };
}

function chainFont(styles: Map<string, StyleInfo>, id: string | undefined): string | undefined {
  for (let s = id, depth = 0; s && depth < 20; depth++) {
    const style = styles.get(s);
    if (!style) return undefined;
    if (style.eastAsia) return style.eastAsia;
    s = style.basedOn;
  }
  return undefined;
}

export interface ResolvedRun {
  readonly text: string;
  /** The East Asian font Word sets the run in; undefined or 'theme' when it falls back to the theme. */
  readonly font: string | undefined;
}

/** Every run with text in a part (document.xml, a header or footer), with its resolved East Asian font. */
export function resolveRuns(stylesXml: string, partXml: string): ResolvedRun[] {
  const { styles, defaultParagraph, defaults } = parseStyles(stylesXml);
  const out: ResolvedRun[] = [];
  for (const p of partXml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    const body = p[1]!;
    const pStyle = /<w:pPr>[\s\S]*?<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? defaultParagraph;
    for (const r of body.matchAll(/<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)) {
      const run = r[1]!;
      const text = [...run.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
      if (!text) continue;
      const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(run)?.[1];
      const rStyle = rPr ? /<w:rStyle w:val="([^"]+)"/.exec(rPr)?.[1] : undefined;
      const font = rPrFont(rPr) ?? chainFont(styles, rStyle) ?? chainFont(styles, pStyle) ?? defaults;
      out.push({ text, font });
    }
  }
  return out;
}

/** The parts of a DOCX that hold text: the body, every header and footer. */
export async function textParts(bytes: Uint8Array | Buffer): Promise<{ styles: string; parts: Map<string, string> }> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((f) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(f))) parts.set(name, await zip.file(name)!.async('string'));
  return { styles: await zip.file('word/styles.xml')!.async('string'), parts };
}
