// The page's own files: its scripts (plain ES modules), its style sheet, the Chinese web font and an
// icon — all from the app itself, nothing from the network (the machine may be offline).
//
// The scripts are TypeScript in src/server/public/, checked with the rest of the project. The build
// (tsc) turns them into dist/server/public/*.js beside the server, which serves those; run from the
// sources (tsx), the server compiles each one on first request with the project's TypeScript.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Script names that may be asked for: `/assets/<name>.js`. */
export const SCRIPT_NAME = /^[a-z][a-z0-9-]*$/;

const scripts = new Map<string, Promise<string | undefined>>();

async function compile(source: string, file: string): Promise<string> {
  // only reached when running from the sources, where the dev dependency is installed
  const ts = (await import('typescript')).default;
  return ts.transpileModule(source, { fileName: file, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

/** The JavaScript of the page script `name`, or undefined when there is none. */
export function script(name: string): Promise<string | undefined> {
  if (!SCRIPT_NAME.test(name)) return Promise.resolve(undefined);
  let p = scripts.get(name);
  if (!p) {
    p = (async () => {
      const built = await readFile(join(PUBLIC_DIR, `${name}.js`), 'utf8').catch(() => undefined);
      if (built !== undefined) return built;
      const file = join(PUBLIC_DIR, `${name}.ts`);
      const source = await readFile(file, 'utf8').catch(() => undefined);
      return source === undefined ? undefined : compile(source, file);
    })();
    scripts.set(name, p);
  }
  return p;
}

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@fontsource/noto-sans-sc';
const FONT_WEIGHTS = [400, 700];
/** The folder of the font's subset files (served under /fonts/). */
export function fontDir(): string {
  return join(dirname(require.resolve(`${FONT_PACKAGE}/package.json`)), 'files');
}

let fontCss: Promise<string> | undefined;

/** @font-face rules of the page's Chinese font (Noto Sans SC), each subset a file under /fonts/. */
export function fontFaces(): Promise<string> {
  fontCss ??= Promise.all(
    FONT_WEIGHTS.map(async (w) =>
      (await readFile(join(fontDir(), '..', `${w}.css`), 'utf8')).replace(
        /url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\), url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g,
        "url(/fonts/$1) format('woff2')",
      ),
    ),
  ).then((parts) => parts.join('\n'));
  return fontCss;
}

/** The tab icon: a blue page with a table. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="4" y="2" width="24" height="28" rx="2" fill="#1d4f91"/><path d="M8 9h16M8 14h16M8 19h16M8 24h16M14 9v15" stroke="#fff" stroke-width="2"/></svg>`;
