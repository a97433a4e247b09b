// Write data/schema/department.schema.json from src/readers/schema.ts (`npm run schema`).
import { writeFileSync } from 'node:fs';
import { buildDepartmentSchema } from '../src/readers/schema.js';

const target = new URL('../data/schema/department.schema.json', import.meta.url);
writeFileSync(target, JSON.stringify(buildDepartmentSchema(), null, 2) + '\n');
console.log(`wrote ${target.pathname}`);
