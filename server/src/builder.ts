import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { db } from '@toandan/db/db';
import type PrismaTypes from '@toandan/db/pothos-types';
import { getDatamodel } from '@toandan/db/pothos-types';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [RelayPlugin, PrismaPlugin],
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
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page stands.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'An opaque position: pass it as `after` to continue from this item.' },
  },
  defaultFieldNullability: false,
  prisma: {
    client: db,
    dmmf: getDatamodel(),
    // Descriptions are written for partner agencies in the schema files, not taken from Prisma.
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

builder.queryType({ description: 'Read the campaigns, the unit tree and the boards.' });
