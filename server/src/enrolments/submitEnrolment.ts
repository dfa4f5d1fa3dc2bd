import type { Channel, Enrolment, Scheme } from '@toandan/db/client';
import { counterSlots, counterUpdates } from '@toandan/db/counters';
import { db } from '@toandan/db/db';
import { personKey, submissionDigest } from '@toandan/db/enrolmentKeys';
import { personalData } from '@toandan/db/personalData';
import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { vnDay } from '@toandan/shared/vnDay';
import { v7 as uuidv7 } from 'uuid';
import { type Actor, actorValues, auditColumns } from '../audit.ts';
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
  context: { actor: Actor; now?: Date },
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

  // 2. Everything the rules need, in one round trip: a key seen before answers as it did the
  // first time, whatever has changed since.
  const day = vnDay.of(enrolledAt);
  const found = await lookUp(
    idempotencyKey,
    input.campaignId,
    input.unitCode.trim(),
    input.officerCode?.trim(),
  );
  if (found.byKey) return answerForKnownKey(found.byKey, digest);
  const { campaign, unit, officer } = found;

  // 3. The rules of the campaign.
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
  if (day < campaign.startsOn || day > campaign.endsOn) {
    domainErrors.push(
      error(
        'enrolledAt',
        'INVALID',
        `enrolledAt falls on ${day} in Viet Nam, outside the campaign's days ${campaign.startsOn} to ${campaign.endsOn}.`,
      ),
    );
  }
  if (!unit) {
    domainErrors.push(error('unitCode', 'NOT_FOUND', `No unit has the code "${input.unitCode}".`));
  } else if (unit.mergedInto && unit.mergedOn && unit.mergedOn <= day) {
    domainErrors.push(
      error(
        'unitCode',
        'INVALID',
        `Unit ${unit.code} (${unit.name}) was merged into ${unit.mergedInto.code} (${unit.mergedInto.name}) on ${unit.mergedOn}; submit to ${unit.mergedInto.code}.`,
      ),
    );
  } else if (unit.id !== campaign.unitId && !unit.ancestorIds.includes(campaign.unitId)) {
    domainErrors.push(
      error('unitCode', 'OUT_OF_SCOPE', `Unit ${unit.code} is outside the area that runs this campaign.`),
    );
  } else if (!withinScope(context.actor, unit)) {
    domainErrors.push(
      error(
        'unitCode',
        'OUT_OF_SCOPE',
        `Unit ${unit.code} is outside your token's unit ${context.actor.auth?.unitCode}: you may submit for it and the units under it only.`,
      ),
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

  // 4. The enrolment and its counters in one statement, so together or not at all. The
  // database's unique keys decide races: a conflict stores and counts nothing.
  const key = personKey(campaign.id, input.scheme, citizen.citizenId);
  const units = [...unit.ancestorIds.map((id, depth) => ({ id, depth })), { id: unit.id, depth: unit.depth }];
  const enrolment = await insertCounted(
    {
      id: uuidv7(),
      campaignId: campaign.id,
      unitId: unit.id,
      officerId: officer?.id ?? null,
      scheme: input.scheme,
      citizenIdSealed: personalData().seal(citizen.citizenId),
      fullNameSealed: personalData().seal(fullName),
      channel: input.channel ?? 'FIELD_VISIT',
      enrolledAt,
      day: vnDay.toDateColumn(day),
      receivedAt: now,
      idempotencyKey,
      requestDigest: digest,
      personKey: key,
      submittedBy: context.actor.auth?.subject ?? null,
    },
    units,
    context.actor,
  );
  if (enrolment) {
    const counted = { campaignId: campaign.id, unitIds: units.map((u) => u.id), scheme: input.scheme, day };
    publishCommitted(counted);
    return { enrolment, duplicate: false, userErrors: [], counted };
  }
  // Not stored: the same key (a retry, perhaps concurrent) gets the first answer; the same
  // person under another key is a duplicate and gets the enrolment counted first.
  const known = await db.enrolment.findUnique({ where: { idempotencyKey } });
  if (known) return answerForKnownKey(known, digest);
  const winner = await db.enrolment.findUnique({ where: { personKey: key } });
  if (winner) return { enrolment: winner, duplicate: true, userErrors: [] };
  throw new Error(`enrolment ${idempotencyKey} was neither stored nor found`);
}

async function answerForKnownKey(known: Enrolment, digest: string): Promise<SubmitEnrolmentResult> {
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

interface Found {
  byKey: Enrolment | null;
  campaign: { id: string; schemes: Scheme[]; startsOn: string; endsOn: string; unitId: number } | null;
  unit: {
    id: number;
    code: string;
    name: string;
    depth: number;
    ancestorIds: number[];
    mergedOn: string | null;
    mergedInto: { code: string; name: string } | null;
  } | null;
  officer: { id: number; code: string; unitId: number } | null;
}

/** The enrolment already stored under the key, the campaign, the unit and the officer. */
async function lookUp(
  idempotencyKey: string,
  campaignId: string,
  unitCode: string,
  officerCode: string | undefined,
): Promise<Found> {
  const [row] = await db.$queryRawUnsafe<
    { byKey: string | null; campaign: Found['campaign']; unit: Found['unit']; officer: Found['officer'] }[]
  >(
    `SELECT
       (SELECT e.id FROM "Enrolment" e WHERE e."idempotencyKey" = $1) AS "byKey",
       (SELECT json_build_object('id', c.id, 'schemes', c.schemes, 'startsOn', to_char(c."startsOn", 'YYYY-MM-DD'),
                 'endsOn', to_char(c."endsOn", 'YYYY-MM-DD'), 'unitId', c."unitId")
          FROM "Campaign" c WHERE c.id = $2) AS campaign,
       (SELECT json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'depth', u.depth,
                 'ancestorIds', u."ancestorIds", 'mergedOn', to_char(u."mergedOn", 'YYYY-MM-DD'),
                 'mergedInto', CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('code', m.code, 'name', m.name) END)
          FROM "Unit" u LEFT JOIN "Unit" m ON m.id = u."mergedIntoId" WHERE u.code = $3) AS unit,
       (SELECT json_build_object('id', o.id, 'code', o.code, 'unitId', o."unitId")
          FROM "Officer" o WHERE o.code = $4) AS officer`,
    idempotencyKey,
    campaignId,
    unitCode,
    officerCode ?? null,
  );
  if (!row) throw new Error('the look-up returned no row');
  const byKey = row.byKey ? await db.enrolment.findUnique({ where: { id: row.byKey } }) : null;
  return { byKey, campaign: row.campaign, unit: row.unit, officer: row.officer };
}

/**
 * Inserts the enrolment and adds it to its unit's and every ancestor's day counter, and to its
 * officer's, in one statement; returns null, storing and counting nothing, when a unique key
 * (the idempotency key, or the person in the scheme and campaign) is taken.
 */
async function insertCounted(
  enrolment: Omit<Enrolment, 'voidedAt' | 'voidReason' | 'voidedBy'>,
  units: { id: number; depth: number }[],
  actor: Actor,
): Promise<Enrolment | null> {
  const [row] = await db.$queryRawUnsafe<Enrolment[]>(
    `WITH inserted AS (
       INSERT INTO "Enrolment" (id, "campaignId", "unitId", "officerId", scheme, "citizenIdSealed", "fullNameSealed",
         channel, "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "personKey", "submittedBy")
       VALUES ($1, $2, $3, $4, $5::"Scheme", $6, $7, $8::"Channel", $9::timestamptz, $10::date, $11::timestamptz,
         $12, $13, $14, $15)
       ON CONFLICT DO NOTHING
       RETURNING *
     ), ${counterUpdates('inserted', { unitIds: '$16', slots: '$17', delta: '1' })}, audited AS (
       INSERT INTO "AuditEvent" (${auditColumns})
       SELECT 'SUBMIT_ENROLMENT', $18, $19, $20, $21, $22, i.id,
              jsonb_build_object('campaignId', i."campaignId", 'unitId', i."unitId", 'scheme', i.scheme, 'day', i.day)
       FROM inserted i
     )
     SELECT * FROM inserted`,
    enrolment.id,
    enrolment.campaignId,
    enrolment.unitId,
    enrolment.officerId,
    enrolment.scheme,
    enrolment.citizenIdSealed,
    enrolment.fullNameSealed,
    enrolment.channel,
    enrolment.enrolledAt.toISOString(),
    enrolment.day.toISOString().slice(0, 10),
    enrolment.receivedAt.toISOString(),
    enrolment.idempotencyKey,
    enrolment.requestDigest,
    enrolment.personKey,
    enrolment.submittedBy,
    units.map((unit) => unit.id),
    counterSlots(units),
    ...actorValues(actor),
  );
  return row ?? null;
}

/** A field agent submits inside its unit's subtree only; the command centre anywhere. */
function withinScope(actor: Actor, unit: { id: number; ancestorIds: number[] }): boolean {
  const scope = actor.auth?.unitId ?? null;
  return scope === null || unit.id === scope || unit.ancestorIds.includes(scope);
}
