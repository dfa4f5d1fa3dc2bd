import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';

// Writes schema.graphql at the repository root. It is committed so that every API change shows
// in review; a test fails when it drifts from the code.
process.env.DATA_DIR ??= 'memory://unused';
const { schema } = await import('../schema/index.ts');
export const schemaFile = join(import.meta.dirname, '..', '..', '..', 'schema.graphql');
writeFileSync(schemaFile, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`wrote ${schemaFile}`);
process.exit(0);
