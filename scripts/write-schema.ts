// Write the JSON Schemas editors use (`npm run schema`): data/schema/department.schema.json from
// src/readers/schema.ts, data/schema/form.schema.json from src/forms/schema.ts and
// data/schema/profile.schema.json from src/compose/profile-schema.ts.
import { writeFileSync } from 'node:fs';
import { buildProfileSchema } from '../src/compose/profile-schema.js';
import { buildFormSchema } from '../src/forms/schema.js';
import { buildDepartmentSchema } from '../src/readers/schema.js';

for (const [name, schema] of [
  ['department.schema.json', buildDepartmentSchema()],
  ['form.schema.json', buildFormSchema()],
  ['profile.schema.json', buildProfileSchema()],
] as const) {
  const target = new URL(`../data/schema/${name}`, import.meta.url);
  writeFileSync(target, JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote ${target.pathname}`);
}
