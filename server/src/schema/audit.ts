import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { builder } from '../builder.ts';
import { pageSizeOrThrow } from '../pageSize.ts';

const MAX_PAGE = 500;
const MAX_ID = 9_223_372_036_854_775_807n;

const AuditEvent = builder.prismaObject('AuditEvent', {
  description:
    'One entry of the audit trail (nhật ký truy cập): who did what, when and from which client. Entries are appended, never changed.',
  fields: (t) => ({
    id: t.string({ description: 'Its number in the trail, rising.', resolve: (event) => String(event.id) }),
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    action: t.exposeString('action', {
      description:
        'SUBMIT_ENROLMENT, VOID_ENROLMENT, CREATE_CAMPAIGN, UPDATE_CAMPAIGN, CLOSE_CAMPAIGN, SET_TARGETS, SET_DAILY_GOALS, SET_PARTICIPANT_COUNTS, SET_PLANS, SET_POPULATIONS, ADD_UNIT, MERGE_UNIT, REVOKE_TOKEN, REGISTER_OFFICERS, SET_OFFICER_QUOTAS, ISSUE_TOKEN, ISSUE_SIGN_IN_CODES, REDEEM_SIGN_IN_CODE or READ_PERSONAL_DATA.',
    }),
    actor: t.exposeString('actor', { nullable: true, description: 'The token’s subject.' }),
    role: t.exposeString('role', { nullable: true, description: 'The token’s role.' }),
    actorUnit: t.exposeString('actorUnit', {
      nullable: true,
      description: 'The token’s unit, if it has one.',
    }),
    tokenId: t.exposeString('tokenId', { nullable: true, description: 'The token’s id.' }),
    client: t.exposeString('client', {
      nullable: true,
      description: 'The client: its address, X-Client-Name and User-Agent.',
    }),
    target: t.exposeString('target', {
      nullable: true,
      description: 'What it acted on: an enrolment id, a campaign id, a unit code, a token id.',
    }),
    details: t.string({
      nullable: true,
      description: 'More about it, as JSON: ids, codes and counts, never personal data.',
      resolve: (event) => (event.details === null ? null : JSON.stringify(event.details)),
    }),
  }),
});

/**
 * The codes of the subtree a scoped command centre reads the trail of (its unit and every unit
 * below it, merged and dissolved ones included: their past entries are its own), or null for a
 * national token, which reads all of it.
 */
async function subtreeCodes(unitId: number | null): Promise<string[] | null> {
  if (unitId === null) return null;
  const units = await db.unit.findMany({
    where: { OR: [{ id: unitId }, { ancestorIds: { has: unitId } }] },
    select: { code: true },
  });
  return units.map((unit) => unit.code);
}

builder.queryField('auditEvents', (t) =>
  t.prismaField({
    type: [AuditEvent],
    description: `The audit trail, newest first (command centre): at most ${MAX_PAGE} entries a call; pass the last id you have as \`before\` for older ones. A command centre with a unit reads only what tokens of its subtree did and what was done to its subtree's units (actorUnit or target one of their codes).`,
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.first ?? 100) }),
    args: {
      first: t.arg.int({ description: `How many, 1 to ${MAX_PAGE}; 100 when left out.` }),
      before: t.arg.string({ description: 'Only entries older than this id.' }),
      action: t.arg.string({ description: 'Only this action.' }),
      actor: t.arg.string({ description: 'Only this token subject.' }),
      target: t.arg.string({ description: 'Only entries about this enrolment, campaign, unit or token.' }),
      unitCode: t.arg.string({
        description: 'Only entries about this unit (target) or by a token of this unit (actorUnit).',
      }),
      since: t.arg({ type: 'Date', description: 'Only entries on or after this Viet Nam day.' }),
      until: t.arg({ type: 'Date', description: 'Only entries on or before this Viet Nam day.' }),
    },
    resolve: async (query, _root, args, context) => {
      const first = pageSizeOrThrow(args.first, 100, MAX_PAGE);
      // Ids are PostgreSQL bigints: a longer number would fail in the database, not here.
      if (args.before != null && (!/^\d{1,19}$/.test(args.before) || BigInt(args.before) > MAX_ID)) {
        throw new GraphQLError('before must be the id of an audit entry.', {
          extensions: { code: 'BAD_CURSOR' },
        });
      }
      const scope = await subtreeCodes(context.auth?.unitId ?? null);
      return db.auditEvent.findMany({
        ...query,
        where: {
          ...(scope !== null
            ? { AND: [{ OR: [{ actorUnit: { in: scope } }, { target: { in: scope } }] }] }
            : {}),
          ...(args.before != null ? { id: { lt: BigInt(args.before) } } : {}),
          ...(args.action != null ? { action: args.action } : {}),
          ...(args.actor != null ? { actor: args.actor } : {}),
          ...(args.target != null ? { target: args.target } : {}),
          ...(args.unitCode != null ? { OR: [{ target: args.unitCode }, { actorUnit: args.unitCode }] } : {}),
          ...(args.since != null || args.until != null
            ? {
                at: {
                  ...(args.since != null ? { gte: vnDay.startOf(args.since) } : {}),
                  ...(args.until != null ? { lt: vnDay.startOf(vnDay.addDays(args.until, 1)) } : {}),
                },
              }
            : {}),
        },
        orderBy: { id: 'desc' },
        take: first,
      });
    },
  }),
);
