import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { db } from '@toandan/db/db';
import type PrismaTypes from '@toandan/db/pothos-types';
import { getDatamodel } from '@toandan/db/pothos-types';
import { GraphQLError } from 'graphql';
import { forbidden, mayReadPersonalData, unauthenticated } from './auth/scopes.ts';
import type { Context } from './context.ts';
import { env } from './env.ts';
import { logger } from './log.ts';
import RefuseNulCharactersPlugin from './plugins/refuseNulCharacters.ts';

/** Limits of a single operation, checked before any of it runs (docs/security.md). */
export const MAX_COMPLEXITY = 25_000;
export const MAX_DEPTH = 10;
export const MAX_BREADTH = 400;

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: {
    commandCenter: boolean;
    fieldAgent: boolean;
    partner: boolean;
    /** May read a person's data from an enrolment of this unit (the unit's id). */
    personalDataOf: number;
  };
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  // Scope auth first, so that no other plugin's wrapper runs before a field is authorised.
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin, ComplexityPlugin, RefuseNulCharactersPlugin],
  scopeAuth: {
    // Subscriptions are authorised once, when they start; their updates are shared by every
    // subscriber of a board (live/sharedSubscriptionResults.ts).
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context, info, result) =>
      context.auth
        ? forbidden(
            `Not allowed for a ${context.auth.role} token: ${info.parentType.name}.${info.fieldName}. ${result.message}`,
          )
        : unauthenticated(),
    authScopes: (context) => ({
      commandCenter: context.auth?.role === 'COMMAND_CENTER',
      fieldAgent: context.auth?.role === 'FIELD_AGENT',
      partner: context.auth?.role === 'PARTNER',
      personalDataOf: (unitId) => mayReadPersonalData(context, unitId),
    }),
  },
  complexity: {
    // A query costs about what it returns: a field 1, a list's selection times its expected
    // length, a connection's times the page size it asks for (as GitHub and Shopify count).
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: MAX_COMPLEXITY, depth: MAX_DEPTH, breadth: MAX_BREADTH },
    complexityError: (kind, result) => {
      const measure = String(kind).toLowerCase() as 'complexity' | 'depth' | 'breadth';
      const limits = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth };
      return new GraphQLError(
        `The query's ${measure} is ${result[measure]}, over the limit of ${limits[measure]}.`,
        {
          extensions: {
            code: `MAX_${measure.toUpperCase()}`,
            limit: limits[measure],
            found: result[measure],
          },
        },
      );
    },
  },
  relay: {
    // Mutations take plain inputs (API.md); connections use opaque string cursors.
    clientMutationId: 'omit',
    cursorType: 'String',
    pageInfoTypeOptions: { description: 'Where a page stands in a Relay connection.' },
    hasNextPageFieldOptions: { description: 'True when another page follows this one.' },
    hasPreviousPageFieldOptions: { description: 'True when this page was asked for after another one.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last item on this page: pass it as `after` for the next page.',
    },
    // A connection's cost is its page size (the connection field's multiplier) times an item's.
    edgesFieldOptions: {
      description: 'The items of this page, each with its cursor.',
      complexity: { field: 1, multiplier: 1 },
    },
    pageInfoFieldOptions: { description: 'Where this page stands.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'An opaque position: pass it as `after` to continue from this item.' },
    firstArgOptions: { description: 'Page size, counted from the start or from `after`.' },
    afterArgOptions: { description: 'The endCursor of the previous page; left out for the first page.' },
    lastArgOptions: { description: 'Page size, counted back from the end or from `before`.' },
    beforeArgOptions: { description: 'The startCursor of the next page, to page backwards.' },
  },
  defaultFieldNullability: false,
  prisma: {
    client: db,
    dmmf: getDatamodel(),
    // Descriptions are written for partner agencies in the schema files, not taken from Prisma.
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery:
      env.NODE_ENV === 'production'
        ? null
        : (info) =>
            logger.warn(`Prisma query was unused in resolver for ${info.parentType.name}.${info.fieldName}`),
  },
});
