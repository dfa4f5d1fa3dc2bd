import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { graphqlEnv, graphqlEnvFile } from './graphqlEnv.ts';

it('graphql-env.d.ts matches schema.graphql (pnpm --filter @toandan/web graphql-env)', () => {
  expect(readFileSync(graphqlEnvFile, 'utf8')).toBe(graphqlEnv());
});
