import type { Channel, Enrolment, Scheme } from '@toandan/db/client';
import { addToCounters } from '@toandan/db/counters';
import { db } from '@toandan/db/db';
import { personKey, submissionDigest } from '@toandan/db/enrolmentKeys';
import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { vnDay } from '@toandan/shared/vnDay';
import { type CommittedChange, publishCommitted } from '../live/boardPublisher.ts';
import { userError } from '../userErrors.ts';

export interface SubmitEnrolmentInput {
  campaignId: string;
  unitCode: string;
  scheme: Scheme;
  citizenId: string;
  fullName: string;
  idempotencyKey: string;
  enrolledAt?: Date | null;
  officerCode?: string | null;
  channel?: Channel | null;
}

export type UserErrorCode =
  | 'INVALID'
  | 'NOT_FOUND'
  | 'OUT_OF_SCOPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'ALREADY_VOIDED';

export interface UserError {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

export interface SubmitEnrolmentResult {
  enrolment: Enrolment | null;
  duplicate: boolean;
  userErrors: UserError[];
  /** Set when this call counted a new enrolment: what to publish to the live boards. */
  counted?: CommittedChange;
}

/** A field phone's clock may run this far ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;

const error = (field: string, code: UserErrorCode, message: string): UserError =>
  userError(['input', field], code, message);

/**
 * Submits one enrolment. Expected failures come back as `userErrors` and store nothing; a key
 * seen before returns the first answer and counts nothing; the same person in the same scheme
 * and campaign under another key is a duplicate, not a second enrolment. The enrolment and its
 * counters commit in one transaction, and the database's unique constraints decide races.
 */
export async function submitEnrolment(
  input: SubmitEnrolmentInput,
  context: { submittedBy: string | null; now?: Date },
): Promise<SubmitEnrolmentResult> {
  const now = context.now ?? new Date();
  const refused = (...userErrors: UserError[]): SubmitEnrolmentResult => ({
    enrolment: null,
    duplicate: false,
    userErrors,
  });

  // 1. The shape of the input, without the database.
  const errors: UserError[] = [];
  const idempotencyKey = input.idempotencyKey.trim();
  if (!KEY_PATTERN.test(idempotencyKey)) {
    errors.push(
      error(
        'idempotencyKey',
        'INVALID',
        'The idempotency key must be 8 to 128 printable characters without spaces, e.g. a UUID.',
      ),
    );
  }
  const citizen = checkCitizenId(input.citizenId, Number(vnDay.of(now).slice(0, 4)));
  if (!citizen.ok) errors.push(error('citizenId', 'INVALID', citizen.message));
  const fullName = input.fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (fullName.length === 0 || fullName.length > 120) {
    errors.push(error('fullName', 'INVALID', 'The full name must have 1 to 120 characters.'));
  } else if (!NAME_PATTERN.test(fullName)) {
    errors.push(
      error('fullName', 'INVALID', 'The full name may hold letters, spaces, hyphens and apostrophes only.'),
    );
  }
  const enrolledAt = input.enrolledAt ?? now;
  if (enrolledAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    errors.push(
      error(
        'enrolledAt',
        'INVALID',
        `enrolledAt ${enrolledAt.toISOString()} is in the future (server time ${now.toISOString()}).`,
      ),
    );
  }
  if (errors.length > 0 || !citizen.ok) return refused(...errors);

  const digest = submissionDigest({
    campaignId: input.campaignId,
    unitCode: input.unitCode.trim(),
    scheme: input.scheme,
    citizenId: citizen.citizenId,
    fullName,
    enrolledAt: input.enrolledAt ? input.enrolledAt.toISOString() : null,
  });

  // 2. A key seen before answers as it did the first time, whatever has changed since.
  const replay = await answerForKnownKey(idempotencyKey, digest);
  if (replay) return replay;

  // 3. The rules of the campaign.
  const day = vnDay.of(enrolledAt);
  const [campaign, unit, officer] = await Promise.all([
    db.campaign.findUnique({ where: { id: input.campaignId } }),
    db.unit.findUnique({
      where: { code: input.unitCode.trim() },
      include: { mergedInto: { select: { code: true, name: true } } },
    }),
    input.officerCode ? db.officer.findUnique({ where: { code: input.officerCode.trim() } }) : null,
  ]);
  if (!campaign)
    return refused(error('campaignId', 'NOT_FOUND', `No campaign has the id "${input.campaignId}".`));
  const domainErrors: UserError[] = [];
  if (!campaign.schemes.includes(input.scheme)) {
    domainErrors.push(
      error(
        'scheme',
        'INVALID',
        `The campaign does not run ${input.scheme}; it runs ${campaign.schemes.join(', ')}.`,
      ),
    );
  }
  const startsOn = vnDay.fromDateColumn(campaign.startsOn);
  const endsOn = vnDay.fromDateColumn(campaign.endsOn);
  if (day < startsOn || day > endsOn) {
    domainErrors.push(
      error(
        'enrolledAt',
        'INVALID',
        `enrolledAt falls on ${day} in Viet Nam, outside the campaign's days ${startsOn} to ${endsOn}.`,
      ),
    );
  }
  if (!unit) {
    domainErrors.push(error('unitCode', 'NOT_FOUND', `No unit has the code "${input.unitCode}".`));
  } else if (unit.mergedInto && unit.mergedOn && vnDay.fromDateColumn(unit.mergedOn) <= day) {
    domainErrors.push(
      error(
        'unitCode',
        'INVALID',
        `Unit ${unit.code} (${unit.name}) was merged into ${unit.mergedInto.code} (${unit.mergedInto.name}) on ${vnDay.fromDateColumn(unit.mergedOn)}; submit to ${unit.mergedInto.code}.`,
      ),
    );
  } else if (unit.id !== campaign.unitId && !unit.ancestorIds.includes(campaign.unitId)) {
    domainErrors.push(
      error('unitCode', 'OUT_OF_SCOPE', `Unit ${unit.code} is outside the area that runs this campaign.`),
    );
  }
  if (input.officerCode && !officer) {
    domainErrors.push(error('officerCode', 'NOT_FOUND', `No officer has the code "${input.officerCode}".`));
  } else if (officer && unit && officer.unitId !== unit.id && !unit.ancestorIds.includes(officer.unitId)) {
    domainErrors.push(
      error(
        'officerCode',
        'OUT_OF_SCOPE',
        `Officer ${officer.code} does not work in unit ${unit.code} or above it.`,
      ),
    );
  }
  if (domainErrors.length > 0 || !unit) return refused(...domainErrors);

  const key = personKey(campaign.id, input.scheme, citizen.citizenId);
  const counted = await db.enrolment.findUnique({ where: { personKey: key } });
  if (counted) return { enrolment: counted, duplicate: true, userErrors: [] };

  // 4. The enrolment and its counters, together or not at all.
  const units = [...unit.ancestorIds.map((id, depth) => ({ id, depth })), { id: unit.id, depth: unit.depth }];
  try {
    const enrolment = await db.$transaction(async (tx) => {
      const created = await tx.enrolment.create({
        data: {
          campaignId: campaign.id,
          unitId: unit.id,
          officerId: officer?.id ?? null,
          scheme: input.scheme,
          citizenId: citizen.citizenId,
          fullName,
          channel: input.channel ?? 'FIELD_VISIT',
          enrolledAt,
          day: vnDay.toDateColumn(day),
          receivedAt: now,
          idempotencyKey,
          requestDigest: digest,
          personKey: key,
          submittedBy: context.submittedBy,
        },
      });
      await addToCounters(tx, {
        campaignId: campaign.id,
        units,
        scheme: input.scheme,
        day: vnDay.toDateColumn(day),
        officerId: officer?.id ?? null,
        delta: 1,
      });
      return created;
    });
    const counted = { campaignId: campaign.id, unitIds: units.map((u) => u.id), scheme: input.scheme, day };
    publishCommitted(counted);
    return { enrolment, duplicate: false, userErrors: [], counted };
  } catch (caught) {
    if ((caught as { code?: string }).code !== 'P2002') throw caught;
    // Another submission won a race on a unique key: the same key (a concurrent retry) gets
    // the first answer; the same person under another key is a duplicate.
    const replayed = await answerForKnownKey(idempotencyKey, digest);
    if (replayed) return replayed;
    const winner = await db.enrolment.findUnique({ where: { personKey: key } });
    if (winner) return { enrolment: winner, duplicate: true, userErrors: [] };
    throw caught;
  }
}

async function answerForKnownKey(
  idempotencyKey: string,
  digest: string,
): Promise<SubmitEnrolmentResult | null> {
  const known = await db.enrolment.findUnique({ where: { idempotencyKey } });
  if (!known) return null;
  if (known.requestDigest !== digest) {
    return {
      enrolment: null,
      duplicate: false,
      userErrors: [
        error(
          'idempotencyKey',
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotency key was used for a different submission; use a new key for a new enrolment.',
        ),
      ],
    };
  }
  return { enrolment: known, duplicate: true, userErrors: [] };
}
