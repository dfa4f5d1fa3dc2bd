import { defineConfig } from 'prisma/config';

// Only `prisma generate` reads this file: migrations run through the WebAssembly schema
// engine (src/migrations.ts), because Prisma's native engine cannot be downloaded here.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
