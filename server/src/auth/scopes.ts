import { GraphQLError } from 'graphql';
import type { Context } from '../context.ts';
import { isWithin } from '../units/isWithin.ts';

/** The error of a request whose token is missing or not valid (API.md, Transport). */
export function unauthenticated(message = 'A valid token is required.'): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  });
}

/** The error of a request whose token's role or unit does not allow what it asks. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * Whether the holder may read a person's data from an enrolment of this unit: a national
 * command centre everywhere, a scoped one and a field agent inside their unit's subtree (a
 * scoped command centre reads aggregates nationwide, people in its own subtree only), a partner
 * never.
 */
export async function mayReadPersonalData(context: Context, unitId: number): Promise<boolean> {
  const auth = context.auth;
  if (!auth || auth.role === 'PARTNER') return false;
  if (auth.role === 'COMMAND_CENTER' && auth.unitId === null) return true;
  if (auth.unitId === null) return false;
  if (unitId === auth.unitId) return true;
  return (await context.unitAncestry.load(unitId)).includes(auth.unitId);
}

/** Whether a unit lies inside the holder's subtree (the whole country without a unit). */
export async function inScope(
  context: Context,
  unit: { id: number; ancestorIds: number[] },
): Promise<boolean> {
  return isWithin(unit, context.auth?.unitId ?? null);
}
