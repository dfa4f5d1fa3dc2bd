import { db } from '@toandan/db/db';
import type { Auth } from './auth/authenticate.ts';
import type { Context } from './context.ts';
import { referencesChanged } from './enrolments/references.ts';

export type AuditAction =
  | 'SUBMIT_ENROLMENT'
  | 'VOID_ENROLMENT'
  | 'CREATE_CAMPAIGN'
  | 'UPDATE_CAMPAIGN'
  | 'CLOSE_CAMPAIGN'
  | 'SET_TARGETS'
  | 'SET_DAILY_GOALS'
  | 'SET_PARTICIPANT_COUNTS'
  | 'SET_PLANS'
  | 'SET_POPULATIONS'
  | 'IMPORT_COVERAGE'
  | 'ADD_UNIT'
  | 'MERGE_UNIT'
  | 'APPLY_REORGANISATION'
  | 'REVOKE_TOKEN'
  | 'REGISTER_OFFICERS'
  | 'SET_OFFICER_QUOTAS'
  | 'ISSUE_TOKEN'
  | 'ISSUE_SIGN_IN_CODES'
  | 'REDEEM_SIGN_IN_CODE'
  | 'READ_PERSONAL_DATA';

/** Who did something: the token and the client it came from. */
export interface Actor {
  auth: Auth | null;
  client: string;
}

export const actorOf = (context: Pick<Context, 'auth' | 'client'>): Actor => ({
  auth: context.auth,
  client: context.client,
});

/** The columns of an audit row that say who, in the order `auditColumns` lists them. */
export function actorValues(actor: Actor): (string | null)[] {
  return [
    actor.auth?.subject ?? null,
    actor.auth?.role ?? null,
    actor.auth?.unitCode ?? null,
    actor.auth?.tokenId ?? null,
    actor.client.slice(0, 300),
  ];
}

export const auditColumns =
  '"action", "actor", "role", "actorUnit", "tokenId", "client", "target", "details"';

/**
 * Appends to the audit trail. `details` holds ids, codes and counts: never a citizen ID, a
 * name or a token.
 */
export async function recordAudit(
  actor: Actor,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown> | null = null,
): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" (${auditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    action,
    ...actorValues(actor),
    target,
    details === null ? null : JSON.stringify(details),
  );
}

/**
 * Runs a command-centre change and records it when it succeeded (no userErrors): what changed
 * (`target`) and how much (`details`), never the personal data it may have touched.
 */
export async function audited<Result extends { userErrors: unknown[] }>(
  context: Pick<Context, 'auth' | 'client'>,
  action: AuditAction,
  run: () => Promise<Result>,
  describe: (result: Result) => { target: string | null; details?: Record<string, unknown> },
): Promise<Result> {
  const result = await run();
  if (result.userErrors.length === 0) {
    // What submissions check against (campaigns, units) may have changed.
    if (CHANGES_REFERENCES.includes(action)) referencesChanged();
    const { target, details } = describe(result);
    await recordAudit(actorOf(context), action, target, details ?? null);
  }
  return result;
}

const CHANGES_REFERENCES: AuditAction[] = [
  'CREATE_CAMPAIGN',
  'UPDATE_CAMPAIGN',
  'CLOSE_CAMPAIGN',
  'ADD_UNIT',
  'MERGE_UNIT',
  'REGISTER_OFFICERS',
  'APPLY_REORGANISATION',
];
