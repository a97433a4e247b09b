// The profile list of the page: every folder under templates/ with a profile.yaml, described by its
// first comment (not the editor's schema line), so that a new city appears without a code change.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listProfiles } from '../../src/server/profiles.js';

describe('the profile list', () => {
  it('names each profile folder with the first sentence of its comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-profiles-test-'));
    const profile = (rel: string, text: string) => {
      mkdirSync(join(dir, rel), { recursive: true });
      writeFileSync(join(dir, rel, 'profile.yaml'), text);
    };
    profile('default', '# 全国通用版式（默认配置）。其他配置只写不同的项。\nname: default\n');
    profile('yunnan', '# yaml-language-server: $schema=../../data/schema/profile.schema.json\n# 云南省版式（2021年度：公开01表至公开12表，编号见种子文件 000）。\nname: yunnan\n');
    profile('yunnan/yuxi', '# yaml-language-server: $schema=x\n# 玉溪市：沿用云南省版式。\nname: yunnan/yuxi\n');
    profile('plain', 'name: plain\n');
    mkdirSync(join(dir, 'yunnan/narrative'));
    expect(listProfiles(dir)).toEqual([
      { name: 'default', label: '全国通用版式（默认配置） — default' },
      { name: 'plain', label: 'plain' },
      { name: 'yunnan', label: '云南省版式 — yunnan' },
      { name: 'yunnan/yuxi', label: '玉溪市 — yunnan/yuxi' },
    ]);
  });
});
