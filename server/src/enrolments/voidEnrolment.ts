import type { Enrolment } from '@toandan/db/client';
import { addToCounters } from '@toandan/db/counters';
import { db } from '@toandan/db/db';
import { campaignState } from '@toandan/shared/campaignState';
import { vnDay } from '@toandan/shared/vnDay';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { campaignClosedMessage } from '../campaigns/manageCampaign.ts';
import { publishRecorded, recordedChange } from '../live/boardPublisher.ts';
import { checkReason } from '../reason.ts';
import { type UserError, userError, viMoment } from '../userErrors.ts';
import { references } from './references.ts';

export interface VoidResult {
  enrolment: Enrolment | null;
  userErrors: UserError[];
}

/**
 * Voids an enrolment: it stops counting (its counters move back, for its unit and every
 * current ancestor), the person may be enrolled again, and the reason and author are kept.
 * The update only applies to an enrolment that still counts, so concurrent voids move the
 * counters back once.
 */
export async function voidEnrolment(
  id: string,
  rawReason: string,
  auth: Pick<Auth, 'unitId' | 'unitCode' | 'subject'> | null,
): Promise<VoidResult> {
  const checked = checkReason(rawReason);
  if (!checked.ok) return { enrolment: null, userErrors: [checked.error] };
  const { reason } = checked;
  const voidedBy = auth?.subject ?? null;
  // A CLOSED campaign's figures are final: its enrolments are voided until then only.
  const target = await db.enrolment.findUnique({
    where: { id },
    select: { campaignId: true, unit: { select: { id: true, code: true, ancestorIds: true } } },
  });
  // A scoped command centre voids inside its subtree, and learns nothing of an enrolment outside.
  if (target && !manages(auth, target.unit, 'subtree'))
    return { enrolment: null, userErrors: [outOfScope(['id'], auth, target.unit, 'subtree')] };
  const campaign = target ? await references.campaign(target.campaignId) : null;
  if (campaign && campaignState(campaign) === 'CLOSED') {
    return {
      enrolment: null,
      userErrors: [userError(['id'], 'CAMPAIGN_CLOSED', campaignClosedMessage(campaign))],
    };
  }
  const result = await db.$transaction(async (tx) => {
    const voided = await tx.enrolment.updateMany({
      where: { id, voidedAt: null },
      data: { voidedAt: new Date(), voidReason: reason, voidedBy, personKey: null },
    });
    if (voided.count === 0) return null;
    const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id }, include: { unit: true } });
    await addToCounters(tx, {
      campaignId: enrolment.campaignId,
      units: [
        ...enrolment.unit.ancestorIds.map((unitId, depth) => ({ id: unitId, depth })),
        { id: enrolment.unit.id, depth: enrolment.unit.depth },
      ],
      scheme: enrolment.scheme,
      day: enrolment.day,
      officerId: enrolment.officerId,
      delta: -1,
    });
    const { unit, ...row } = enrolment;
    const counted = {
      campaignId: row.campaignId,
      unitIds: [...unit.ancestorIds, unit.id],
      scheme: row.scheme,
      day: vnDay.fromDateColumn(row.day),
    };
    // What the void changes on the boards, committed with it (boardPublisher.ts, publishRecorded).
    const [recorded] = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "LiveOutbox" ("changes") VALUES ($1::json) RETURNING "id"::text AS id`,
      JSON.stringify([recordedChange(counted)]),
    );
    return { row, counted, outboxId: recorded?.id as string };
  });
  if (result) {
    const { row, counted, outboxId } = result;
    publishRecorded(outboxId, [counted]);
    return { enrolment: row, userErrors: [] };
  }
  const existing = await db.enrolment.findUnique({ where: { id } });
  if (!existing)
    return {
      enrolment: null,
      userErrors: [
        userError(['id'], 'NOT_FOUND', {
          vi: `Không có hồ sơ nào mang mã "${id}".`,
          en: `No enrolment has the id "${id}".`,
        }),
      ],
    };
  return {
    enrolment: existing,
    userErrors: [
      userError(['id'], 'ALREADY_VOIDED', {
        vi: `Hồ sơ ${id} đã bị hủy kết quả từ trước, lúc ${existing.voidedAt ? viMoment(existing.voidedAt) : ''}.`,
        en: `Enrolment ${id} was already voided on ${existing.voidedAt?.toISOString()}.`,
      }),
    ],
  };
}
