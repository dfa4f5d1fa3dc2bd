import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createMigration } from '../migrations.ts';

// `pnpm db:migration <name>`: writes the next migration from schema.prisma. It diffs against
// a throw-away in-memory PGlite, so no database server is needed to author migrations.
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: pnpm db:migration <name_in_snake_case>');
  process.exit(2);
}
const created = await createMigration(new PrismaPGlite(new PGlite()), name);
console.log(
  created ? `created prisma/migrations/${created}` : 'schema.prisma matches the migrations: nothing to do',
);
