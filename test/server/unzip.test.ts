// A city's zip unpacked into the upload's folder: names as Chinese Windows writes them, folders kept,
// hidden and macOS files left out; anything that climbs out, is absolute, or unpacks beyond the
// limit (by its directory, or by what it really unpacks to) refused before a file lands outside.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/server/options.js';
import { unzipUpload } from '../../src/server/unzip.js';

const LIMITS = { maxUnpackedBytes: 1024 * 1024, maxEntries: 100 };

/** A folder for the zip, and its `dest/` to unpack into (what climbs out of dest/ lands beside the zip). */
function scratch(): { dir: string; dest: string } {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-unzip-test-'));
  mkdirSync(join(dir, 'dest'));
  return { dir, dest: join(dir, 'dest') };
}

async function zipFile(dir: string, fill: (z: JSZip) => void, options: Partial<JSZip.JSZipGeneratorOptions<'nodebuffer'>> = {}): Promise<string> {
  const z = new JSZip();
  fill(z);
  const path = join(dir, 'in.zip');
  writeFileSync(path, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', ...options }));
  return path;
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function refusal(p: Promise<unknown>): Promise<Refusal> {
  const e = await p.then(() => undefined, (e: unknown) => e);
  expect(e).toBeInstanceOf(Refusal);
  return e as Refusal;
}

describe('unzipping an upload', () => {
  it('keeps the folders, reads GBK names, leaves out hidden and macOS files', async () => {
    const { dir, dest } = scratch();
    // 市直/教育局.yaml in GBK, without the UTF-8 flag, as Windows' own zip writes it on a Chinese system
    const gbk = Buffer.from([0xbd, 0xcc, 0xd3, 0xfd, 0xbe, 0xd6]);
    const path = await zipFile(
      dir,
      (z) => {
        z.file('GBK-NAME.yaml', 'a: 1');
        z.file('市直/财政局.yaml', 'b: 2');
        z.file('__MACOSX/市直/._财政局.yaml', 'junk');
        z.file('市直/.DS_Store', 'junk');
        z.file('市直/a:b.yaml', 'c: 3');
      },
      // JSZip takes the bytes as a binary string
      { encodeFileName: (n: string) => (n === 'GBK-NAME.yaml' ? Buffer.concat([Buffer.from([0xca, 0xd0, 0xd6, 0xb1, 0x2f]), gbk, Buffer.from('.yaml')]) : Buffer.from(n)).toString('latin1') },
    );
    const r = await unzipUpload(path, dest, LIMITS);
    expect(tree(dest)).toEqual(['市直/a_b.yaml', '市直/教育局.yaml', '市直/财政局.yaml']);
    expect(r.files.slice().sort()).toEqual(['市直/a_b.yaml', '市直/教育局.yaml', '市直/财政局.yaml']);
    expect(readFileSync(join(dest, '市直/财政局.yaml'), 'utf8')).toBe('b: 2');
  });

  it.each([
    ['../evil.yaml', /“\.\.\/evil\.yaml”含有“\.\.”/],
    ['a/../../evil.yaml', /含有“\.\.”/],
    ['..\\evil.yaml', /含有“\.\.”/],
    ['/etc/evil.yaml', /“\/etc\/evil\.yaml”是绝对路径/],
    ['C:\\evil.yaml', /是绝对路径/],
  ])('refuses the whole zip for %s, before writing anything', async (name, message) => {
    const { dir, dest } = scratch();
    const path = await zipFile(dir, (z) => {
      z.file('good.yaml', 'a: 1');
      z.file(name, 'x', { createFolders: false });
    });
    const e = await refusal(unzipUpload(path, dest, LIMITS, '城市.zip'));
    expect(e.message).toMatch(/^压缩包“城市\.zip”中的/);
    expect(e.message).toMatch(message);
    expect(tree(dest)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['dest', 'in.zip']);
  });

  it('refuses a zip whose directory promises more than the limit, before writing anything', async () => {
    const { dir, dest } = scratch();
    const path = await zipFile(dir, (z) => {
      z.file('a.yaml', 'a: 1');
      z.file('bomb.yaml', Buffer.alloc(2 * 1024 * 1024));
    });
    const e = await refusal(unzipUpload(path, dest, LIMITS));
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/解压后超过 1 MB，已拒绝（可能是“压缩炸弹”）/);
    expect(tree(dest)).toEqual([]);
  });

  it('refuses a zip whose directory lies about the size, while unpacking', async () => {
    const { dir, dest } = scratch();
    const path = await zipFile(dir, (z) => z.file('bomb.yaml', Buffer.alloc(4 * 1024 * 1024)));
    // the directory (and the local header) say 100 bytes; the data inflates to 4 MB
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(100, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    bytes.writeUInt32LE(100, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])) + 22);
    writeFileSync(path, bytes);
    const e = await refusal(unzipUpload(path, dest, LIMITS));
    expect(e.message).toMatch(/无法解压.*压缩包可能已损坏/);
    // what was written stops at the stated size or soon after, never the 4 MB
    for (const f of tree(dest)) expect(readFileSync(join(dest, f)).length).toBeLessThan(LIMITS.maxUnpackedBytes);
  });

  it('refuses a zip of too many files, and a file that is not a zip', async () => {
    const { dir, dest } = scratch();
    const many = await zipFile(dir, (z) => {
      for (let i = 0; i < 101; i++) z.file(`${i}.yaml`, 'a: 1');
    });
    expect((await refusal(unzipUpload(many, dest, LIMITS))).message).toMatch(/有 101 个文件，超过 100 个的上限/);
    writeFileSync(join(dir, 'fake.zip'), 'Rar!\x1a\x07\x00 not a zip');
    expect((await refusal(unzipUpload(join(dir, 'fake.zip'), dest, LIMITS))).message).toBe('“fake.zip”不是有效的 ZIP 压缩包（可能已损坏，或是 RAR、7z 等其他格式）；请用 ZIP 格式重新打包');
  });
});
