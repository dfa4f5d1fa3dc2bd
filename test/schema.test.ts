import { readFileSync } from 'node:fs';
import { schema } from '@toandan/server/schema/index';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures/run.ts';

describe('schema.graphql', () => {
  it('is committed exactly as the code builds it (run `pnpm --filter @toandan/server schema` after a change)', () => {
    const committed = readFileSync(`${repoRoot}schema.graphql`, 'utf8');
    expect(committed).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
  });

  it('describes every type, field and argument for the partner agencies', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(missing.filter((name) => !['Boolean', 'ID', 'Int', 'String', 'Float'].includes(name))).toEqual([]);
  });
});
