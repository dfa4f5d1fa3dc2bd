import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Prisma } from '@toandan/db/client';
import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import { forbidden } from './auth/scopes.ts';
import type { Context } from './context.ts';
import { isWithin } from './units/isWithin.ts';

/** The two values a list's cursor holds (its order's keys), or BAD_CURSOR for anything else. */
export function cursorPairOrThrow(cursor: string): [unknown, unknown] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw badCursor();
  return decoded as [unknown, unknown];
}

export function badCursor(): GraphQLError {
  return new GraphQLError('The "after" cursor is not one this API gave out; start again without it.', {
    extensions: { code: 'BAD_CURSOR' },
  });
}

/** Ids are printable ASCII; a NUL from a forged cursor would fail in the database. */
export const isCursorId = (id: unknown): id is string =>
  typeof id === 'string' && /^[\x21-\x7e]{1,64}$/.test(id);

/** A list of people covers the token's own subtree only. */
export function listableOrThrow(
  unit: { id: number; ancestorIds: number[] },
  unitCode: string,
  scope: { auth: { unitId: number | null; unitCode: string | null } | null },
): void {
  if (!isWithin(unit, scope.auth?.unitId ?? null)) {
    throw forbidden(
      `Unit ${unitCode} is outside your token's unit ${scope.auth?.unitCode}: you may list its subtree only.`,
    );
  }
}

/** A Relay page of `edges`, fetched with one row more than `first` to tell whether more follow. */
export function pageInfoOf(edges: { cursor: string }[], fetched: number, first: number, after: unknown) {
  return {
    hasNextPage: fetched > first,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/**
 * What a connection's selection asks for below each enrolment node (the unit, its parent …),
 * loaded with the page in one query instead of one query per node.
 */
export function nodeInclude(
  context: Context,
  info: GraphQLResolveInfo,
  typeName: 'Enrolment',
): Prisma.EnrolmentInclude | undefined {
  return queryFromInfo({ context, info, typeName, path: ['edges', 'node'] }).include as
    | Prisma.EnrolmentInclude
    | undefined;
}
