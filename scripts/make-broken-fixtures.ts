// Write test/fixtures/broken/*.yaml from test/fixtures/broken/cases.ts (see there).
import { readFileSync, writeFileSync } from 'node:fs';
import { applyMistakes } from '../test/fixtures/broken/apply.js';
import { BROKEN_FILES, UNREADABLE_FILES } from '../test/fixtures/broken/cases.js';

const dir = new URL('../test/fixtures/broken/', import.meta.url);
const valid = readFileSync(new URL('../test/fixtures/mini/valid.yaml', import.meta.url), 'utf8');
for (const spec of BROKEN_FILES) writeFileSync(new URL(spec.file, dir), applyMistakes(valid, spec));
for (const u of UNREADABLE_FILES) writeFileSync(new URL(u.file, dir), u.text);
console.log(`wrote ${BROKEN_FILES.length + UNREADABLE_FILES.length} files`);
