/**
 * Writes src/graphql-env.d.ts, the schema's types for gql.tada, from the committed
 * schema.graphql. gql.tada's own CLI loads the TypeScript 5/6 API, which TypeScript 7 (the
 * native compiler) does not have, so this calls the same library functions the CLI calls.
 * Run by `pnpm --filter @toandan/web graphql-env` after schema.graphql changes; a test checks
 * that the file is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';
import { buildSchema, introspectionFromSchema } from 'graphql';

export function graphqlEnv(): string {
  const sdl = readFileSync(fileURLToPath(new URL('../../schema.graphql', import.meta.url)), 'utf8');
  const introspection = minifyIntrospection(introspectionFromSchema(buildSchema(sdl)));
  return outputIntrospectionFile(introspection, { fileType: '.d.ts', shouldPreprocess: true });
}

export const graphqlEnvFile = fileURLToPath(new URL('../src/graphql-env.d.ts', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(graphqlEnvFile, graphqlEnv());
  console.log(`wrote ${graphqlEnvFile}`);
}
