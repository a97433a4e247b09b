// The CJK fonts of the PDF come with the project's own install (npm packages @fontsource/noto-sans-sc
// and @fontsource/noto-serif-sc): TrueType outlines, so Chromium embeds them as CID TrueType subsets
// (never Type 3). Their @font-face rules point at a private URL that the PDF renderer serves from
// node_modules, so the HTML itself stays small and nothing is fetched from the network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_ORIGIN = 'https://fonts.juesuan.invalid';

const FAMILIES = [
  { pkg: '@fontsource/noto-serif-sc', weights: [400, 700] },
  { pkg: '@fontsource/noto-sans-sc', weights: [400, 500, 700] },
  // figures of the dense tables (16 amount columns on a landscape A4 page)
  { pkg: '@fontsource/roboto-condensed', weights: [400] },
] as const;

const require = createRequire(import.meta.url);

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

let css: string | undefined;

/** @font-face rules for every weight used, woff2 only, URLs under FONT_ORIGIN. */
export function fontFaceCss(): string {
  css ??= FAMILIES.flatMap(({ pkg, weights }) =>
    weights.map((w) => {
      const name = pkg.split('/')[1]!;
      return readFileSync(join(packageDir(pkg), `${w}.css`), 'utf8')
        .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\), url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, `url(${FONT_ORIGIN}/${name}/$1) format('woff2')`);
    }),
  ).join('\n');
  return css;
}

const fileCache = new Map<string, Buffer>();

/** The bytes of a font URL under FONT_ORIGIN, or undefined for any other URL. */
export function fontFile(url: string): Buffer | undefined {
  if (!url.startsWith(`${FONT_ORIGIN}/`)) return undefined;
  const [family, file] = url.slice(FONT_ORIGIN.length + 1).split('/');
  if (!family || !file || !/^[\w.-]+\.woff2$/.test(file)) return undefined;
  const key = `${family}/${file}`;
  let bytes = fileCache.get(key);
  if (!bytes) {
    bytes = readFileSync(join(packageDir(`@fontsource/${family}`), 'files', file));
    fileCache.set(key, bytes);
  }
  return bytes;
}
