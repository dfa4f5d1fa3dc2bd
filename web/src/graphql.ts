import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL documents (gql.tada) from the committed schema.graphql: every query, fragment
 * and subscription the app sends is checked against the schema, and its result is typed.
 * Fragments live beside the component that renders them; pages compose them into queries.
 * `pnpm --filter @toandan/web graphql-env` rewrites graphql-env.d.ts after a schema change.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
