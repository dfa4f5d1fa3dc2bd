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
