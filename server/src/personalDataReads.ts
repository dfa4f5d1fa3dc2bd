import type { GraphQLResolveInfo } from 'graphql';
import { actorOf, recordAudit } from './audit.ts';
import type { Context } from './context.ts';
import { selectsAny } from './selection.ts';

/**
 * The fields of Enrolment and Renewal that hold personal data (their authScopes guard each of
 * them).
 */
const PERSONAL_FIELDS = [
  'citizenId',
  'citizenIdMasked',
  'fullName',
  'address',
  'householdCode',
  'phone',
  'hamlet',
];

/**
 * Who read whose data is kept, before the data leaves: a breach must be reported within 72
 * hours (DOMAIN.md), to the people whose records were read. Recorded when the selection asks
 * for a personal field of these enrolments, with their ids.
 */
export async function auditPersonalDataRead(
  context: Context,
  info: GraphQLResolveInfo,
  target: string,
  /** Enrolments, and covers imported from BHXH's list (`imported`, renewalsDue). */
  records: { id: string; imported?: boolean }[],
  details: Record<string, unknown> = {},
): Promise<void> {
  if (records.length === 0 || !selectsAny(info, PERSONAL_FIELDS)) return;
  const enrolmentIds = records.filter((record) => !record.imported).map((record) => record.id);
  const importedCoverIds = records.filter((record) => record.imported).map((record) => record.id);
  await recordAudit(actorOf(context), 'READ_PERSONAL_DATA', target, {
    ...details,
    enrolments: enrolmentIds.length,
    enrolmentIds,
    ...(importedCoverIds.length > 0 ? { importedCovers: importedCoverIds.length, importedCoverIds } : {}),
  });
}
