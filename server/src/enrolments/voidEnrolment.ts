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
import { countedChain, StaleTree } from '../units/chains.ts';
import { type UserError, userError, viDay, viMoment } from '../userErrors.ts';
import { references } from './references.ts';

/** The cover voided is extended by a counted renewal: nothing was changed (voidOnce). */
class CoverRenewed {
  constructor(readonly renewal: { id: string; day: Date }) {}
}

export interface VoidResult {
  enrolment: Enrolment | null;
  userErrors: UserError[];
}

/**
 * Voids an enrolment: it stops counting (its counters move back, for its unit and every
 * current ancestor), the person may be enrolled again, and the reason and author are kept.
 * The update only applies to an enrolment that still counts, so concurrent voids move the
 * counters back once. It takes away what the enrolment added: on the chain of its day and what
 * it carried across later changes (units/chains.ts), from the tree in force (checked under the
 * tree's lock, as a submission's; read again if a reorganisation committed meanwhile).
 */
export async function voidEnrolment(
  id: string,
  rawReason: string,
  auth: Pick<Auth, 'unitId' | 'unitCode' | 'subject'> | null,
): Promise<VoidResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await voidOnce(id, rawReason, auth);
    } catch (error) {
      if (!(error instanceof StaleTree) || attempt >= 5) throw error;
      references.forgetHere();
    }
  }
}

async function voidOnce(
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
  const tree = await references.tree();
  const result = await db
    .$transaction(async (tx) => {
      const [guard] = await tx.$queryRawUnsafe<{ ok: boolean }[]>(
        `SELECT "toandan_tree_guard"($1::int) AS ok`,
        tree.version,
      );
      if (!guard?.ok) throw new StaleTree();
      const voided = await tx.enrolment.updateMany({
        where: { id, voidedAt: null },
        data: { voidedAt: new Date(), voidReason: reason, voidedBy, personKey: null },
      });
      if (voided.count === 0) return null;
      // A cover that a counted renewal extends stays until the renewal is voided: its counts
      // (the renewal's cover starts after it) and its place in the person's chain rest on it.
      // Read after this void holds the enrolment's row, so a renewal counted meanwhile is seen.
      const renewal = await tx.enrolment.findFirst({
        where: { renewsId: id, voidedAt: null },
        select: { id: true, day: true },
      });
      if (renewal) throw new CoverRenewed(renewal);
      const row = await tx.enrolment.findUniqueOrThrow({ where: { id } });
      const unit = tree.byId.get(row.unitId);
      if (!unit) throw new StaleTree();
      const day = vnDay.fromDateColumn(row.day);
      const { chain, carried } = countedChain(unit, day);
      // Its cover no longer ends unrenewed; a renewal's gives the cover it extended its end back.
      const renewed = row.renewsId
        ? await tx.enrolment.findUnique({
            where: { id: row.renewsId },
            select: { unitId: true, scheme: true, coverageUntil: true, voidedAt: true },
          })
        : row.renewsCoverageId
          ? await tx.importedCover
              .findUnique({
                where: { id: row.renewsCoverageId },
                select: { unitId: true, scheme: true, coverageUntil: true },
              })
              .then((cover) => (cover ? { ...cover, voidedAt: null } : null))
          : null;
      const coverEnds = [
        {
          unitId: row.unitId,
          scheme: row.scheme,
          endsOn: vnDay.fromDateColumn(row.coverageUntil),
          delta: -1,
        },
        ...(renewed && !renewed.voidedAt
          ? [
              {
                unitId: renewed.unitId,
                scheme: renewed.scheme,
                endsOn: vnDay.fromDateColumn(renewed.coverageUntil),
                delta: 1,
              },
            ]
          : []),
      ];
      await addToCounters(tx, {
        campaignId: row.campaignId,
        units: chain,
        scheme: row.scheme,
        day: row.day,
        kind: row.kind,
        officerId: row.officerId,
        delta: -1,
        carried,
        coverEnds,
      });
      const counted = [
        { campaignId: row.campaignId, unitIds: chain.map((link) => link.id), scheme: row.scheme, day },
      ];
      const today = vnDay.today();
      if (carried.some((change) => change.fromDay <= today))
        counted.push({
          ...counted[0],
          unitIds: [...unit.ancestorIds, unit.id],
          day: today,
        } as (typeof counted)[0]);
      // What the void changes on the boards, committed with it (boardPublisher.ts, publishRecorded).
      const [recorded] = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO "LiveOutbox" ("changes") VALUES ($1::json) RETURNING "id"::text AS id`,
        JSON.stringify(counted.map(recordedChange)),
      );
      return { row, counted, outboxId: recorded?.id as string };
    })
    .catch((error: unknown) => {
      if (error instanceof CoverRenewed) return error;
      throw error;
    });
  if (result instanceof CoverRenewed) {
    const { renewal } = result;
    return {
      enrolment: null,
      userErrors: [
        userError(['id'], 'COVER_RENEWED', {
          vi: `Không hủy được hồ sơ ${id}: thời hạn tham gia này đã được tái tục bởi hồ sơ ${renewal.id} (ngày ${viDay(vnDay.fromDateColumn(renewal.day))}). Hãy hủy hồ sơ tái tục đó trước.`,
          en: `Enrolment ${id} cannot be voided: its cover was renewed by enrolment ${renewal.id} (on ${vnDay.fromDateColumn(renewal.day)}). Void that renewal first.`,
        }),
      ],
    };
  }
  if (result) {
    const { row, counted, outboxId } = result;
    publishRecorded(outboxId, counted);
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
