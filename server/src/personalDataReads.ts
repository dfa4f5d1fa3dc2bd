import type { GraphQLResolveInfo } from 'graphql';
import { actorOf, recordAudit } from './audit.ts';
import type { Context } from './context.ts';
import { selectsAny } from './selection.ts';

/** The fields of Enrolment that hold personal data (their authScopes guard each of them). */
const PERSONAL_FIELDS = ['citizenId', 'fullName'];

/**
 * Who read whose data is kept, before the data leaves: a breach must be reported within 72
 * hours (DOMAIN.md), to the people whose records were read. Recorded when the selection asks
 * for a personal field of these enrolments, with their ids.
 */
export async function auditPersonalDataRead(
  context: Context,
  info: GraphQLResolveInfo,
  target: string,
  enrolments: { id: string }[],
  details: Record<string, unknown> = {},
): Promise<void> {
  if (enrolments.length === 0 || !selectsAny(info, PERSONAL_FIELDS)) return;
  await recordAudit(actorOf(context), 'READ_PERSONAL_DATA', target, {
    ...details,
    enrolments: enrolments.length,
    enrolmentIds: enrolments.map((enrolment) => enrolment.id),
  });
}
