// LibreOffice as a reviewer opens the DOCX and XLSX: converted to PDF with a profile of its own, so
// that a LibreOffice already running (another test, another user of the machine) does not swallow
// the conversion.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The LibreOffice binary, when installed (scripts/setup.sh --test installs it). */
export const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

/** Convert office files to PDF into `outDir` (same base names). */
export function convertToPdf(files: readonly string[], outDir: string): void {
  if (!soffice) throw new Error('LibreOffice is installed by scripts/setup.sh --test');
  const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'juesuan-lo-profile-'))).href;
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { stdio: 'ignore', timeout: 300_000 });
}
