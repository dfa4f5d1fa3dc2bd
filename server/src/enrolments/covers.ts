import type { EnrolmentKind } from '@toandan/db/client';
import { sql } from '@toandan/db/db';
import {
  coverageUntil,
  LAPSE_GRACE_DAYS,
  MAX_COVERAGE_MONTHS,
  RENEWAL_WINDOW_DAYS,
} from '@toandan/shared/cover';
import { vnDay } from '@toandan/shared/vnDay';
import { viDay, viScheme, type Words } from '../userErrors.ts';

/**
 * A counted cover of a person in a scheme, as the rules below need it: an enrolment, or a cover
 * from BHXH's list (`imported`, importCoverage).
 */
export interface Cover {
  id: string;
  coverageFrom: string;
  coverageUntil: string;
  imported: boolean;
}

/**
 * What a cover is in the chain of covers (coverKey's `follows`): an enrolment by its id, an
 * imported cover by its id in a namespace of its own, so the two tables never share a link.
 */
export const chainLink = (cover: Cover): string => (cover.imported ? `import:${cover.id}` : cover.id);

/** What a submission becomes: a cover to write, or why it is not one. */
export type CoverPlan =
  | {
      kind: EnrolmentKind;
      coverageFrom: string;
      coverageUntil: string;
      /** The chainLink of the cover this one follows. */
      follows: string | null;
      /** The enrolment a RENEWAL extends (Enrolment.renewsId) … */
      renews: string | null;
      /** … or the imported cover (Enrolment.renewsCoverageId). */
      renewsCoverage: string | null;
    }
  | { refused: 'ALREADY_ENROLLED' }
  | { refused: 'NOTHING_TO_RENEW'; lapsedOn: string | null }
  | { refused: 'RENEWS_COVER_LAPSED'; lapsedOn: string }
  | { refused: 'NEW_WITH_RENEWS_COVER' };

/**
 * The person's last counted cover in the scheme, in any campaign or in BHXH's list: the tail of
 * the chain of covers that `coverKey` keeps linear (each counted cover follows at most one
 * other). An enrolment and an imported cover that end on the same day are the same cover seen
 * twice (BHXH's list holding a renewal made here): the enrolment is the one that counts.
 */
export async function lastCover(citizenKey: string): Promise<Cover | null> {
  // Days as text: the two drivers hand DATE columns back differently.
  const [row] = await sql<{ id: string; from: string; until: string; imported: boolean }>(
    `SELECT id, "coverageFrom"::text AS "from", "coverageUntil"::text AS "until", imported FROM (
     (SELECT id, "coverageFrom", "coverageUntil", false AS imported FROM "Enrolment"
      WHERE "citizenKey" = $1 AND "personKey" IS NOT NULL
      ORDER BY "coverageUntil" DESC, "coverageFrom" DESC, id DESC LIMIT 1)
     UNION ALL
     (SELECT id, "coverageFrom", "coverageUntil", true FROM "ImportedCover"
      WHERE "citizenKey" = $1
      ORDER BY "coverageUntil" DESC, "coverageFrom" DESC, id DESC LIMIT 1)) covers
     ORDER BY "coverageUntil" DESC, imported, "coverageFrom" DESC, id DESC
     LIMIT 1`,
    [citizenKey],
  );
  return row
    ? {
        id: row.id,
        coverageFrom: row.from,
        coverageUntil: row.until,
        imported: row.imported,
      }
    : null;
}

/**
 * API.md's rules of renewals, on the enrolment's Viet Nam day `day`, the person's last cover
 * `last` and what the submission asked for. A RENEWAL extends the cover in force on its day, or
 * the last one when it ended at most 90 days before, once: it starts the day after it, or on
 * `day` when it has ended. Left to the server, the kind is RENEWAL when the last cover runs at
 * most 30 days past `day` or ended at most 90 days before, NEW when it ended longer ago (or there
 * is none); a cover running longer is ALREADY_ENROLLED, as is a cover already renewed (one
 * that starts after `day`). The database has the last word (the unique `coverKey`): this reads
 * before it writes, so two submissions that read the same last cover write one cover.
 */
export function planCover(input: {
  day: string;
  months: number;
  last: Cover | null;
  kind: EnrolmentKind | null;
  /**
   * True when the submission names the cover it renews (`renewsCover`), which must then be
   * `last`: the caller answers ALREADY_ENROLLED when the person has a later cover.
   */
  renewsCover: boolean;
}): CoverPlan {
  const { day, months, last, kind } = input;
  const lapsedLongAgo = !last || vnDay.between(last.coverageUntil, day) > LAPSE_GRACE_DAYS;
  const renew = (cover: Cover): CoverPlan => {
    if (cover.coverageFrom > day) return { refused: 'ALREADY_ENROLLED' };
    const from = cover.coverageUntil >= day ? vnDay.addDays(cover.coverageUntil, 1) : day;
    return {
      kind: 'RENEWAL',
      coverageFrom: from,
      coverageUntil: coverageUntil(from, months),
      follows: chainLink(cover),
      renews: cover.imported ? null : cover.id,
      renewsCoverage: cover.imported ? cover.id : null,
    };
  };
  const fresh = (): CoverPlan => ({
    kind: 'NEW',
    coverageFrom: day,
    coverageUntil: coverageUntil(day, months),
    follows: last ? chainLink(last) : null,
    renews: null,
    renewsCoverage: null,
  });
  if (input.renewsCover) {
    if (kind === 'NEW') return { refused: 'NEW_WITH_RENEWS_COVER' };
    if (!last) return { refused: 'ALREADY_ENROLLED' };
    if (lapsedLongAgo)
      return { refused: 'RENEWS_COVER_LAPSED', lapsedOn: vnDay.addDays(last.coverageUntil, 1) };
    return renew(last);
  }
  if (kind === 'NEW') return last && last.coverageUntil >= day ? { refused: 'ALREADY_ENROLLED' } : fresh();
  if (kind === 'RENEWAL') {
    if (!last || lapsedLongAgo)
      return { refused: 'NOTHING_TO_RENEW', lapsedOn: last ? vnDay.addDays(last.coverageUntil, 1) : null };
    return renew(last);
  }
  if (lapsedLongAgo) return fresh();
  if (vnDay.between(day, last.coverageUntil) <= RENEWAL_WINDOW_DAYS) return renew(last);
  return { refused: 'ALREADY_ENROLLED' };
}

/** The words of a bad `coverageMonths`, in the scheme's own terms. */
export function coverageMonthsWords(scheme: string, months: number): Words {
  if (scheme === 'HOUSEHOLD_HI')
    return {
      vi: `Số tháng đóng không hợp lệ (${months}): BHYT hộ gia đình đóng cho 3 tháng, 6 tháng hoặc 12 tháng.`,
      en: `coverageMonths ${months} is not allowed: household health insurance is paid for 3, 6 or 12 months.`,
    };
  if (scheme === 'VOLUNTARY_SI')
    return {
      vi: `Số tháng đóng không hợp lệ (${months}): BHXH tự nguyện đóng hằng tháng (1), 3 tháng, 6 tháng, 12 tháng hoặc một lần cho nhiều năm (24, 36, 48 hoặc ${MAX_COVERAGE_MONTHS} tháng).`,
      en: `coverageMonths ${months} is not allowed: voluntary social insurance is paid for 1, 3, 6 or 12 months, or whole years up to ${MAX_COVERAGE_MONTHS} months.`,
    };
  return {
    vi: `Số tháng đóng không hợp lệ (${months}): ${viScheme(scheme)} đóng cho từ 1 đến ${MAX_COVERAGE_MONTHS} tháng.`,
    en: `coverageMonths ${months} is not allowed: ${scheme} is paid for 1 to ${MAX_COVERAGE_MONTHS} months.`,
  };
}

/** The words of a cover plan refused, but ALREADY_ENROLLED's (submitEnrolment.ts). */
export function refusedCoverWords(
  plan: Exclude<CoverPlan, { kind: EnrolmentKind } | { refused: 'ALREADY_ENROLLED' }>,
  scheme: string,
): { field: string; code: 'INVALID'; words: Words } {
  switch (plan.refused) {
    case 'NOTHING_TO_RENEW':
      return {
        field: 'kind',
        code: 'INVALID',
        words: plan.lapsedOn
          ? {
              vi: `Không tái tục được: thời hạn tham gia ${viScheme(scheme)} của người này đã hết từ ngày ${viDay(plan.lapsedOn)}, quá ${LAPSE_GRACE_DAYS} ngày. Hãy kê khai tham gia mới.`,
              en: `Nothing to renew: this person's ${scheme} cover ended on ${plan.lapsedOn}, more than ${LAPSE_GRACE_DAYS} days ago. Submit it as NEW.`,
            }
          : {
              vi: `Không tái tục được: người này chưa có thời hạn tham gia ${viScheme(scheme)} nào. Hãy kê khai tham gia mới.`,
              en: `Nothing to renew: this person has no ${scheme} cover. Submit it as NEW.`,
            },
      };
    case 'RENEWS_COVER_LAPSED':
      return {
        field: 'renewsCover',
        code: 'INVALID',
        words: {
          vi: `Không tái tục được: thời hạn tham gia này đã hết từ ngày ${viDay(plan.lapsedOn)}, quá ${LAPSE_GRACE_DAYS} ngày. Hãy kê khai tham gia mới.`,
          en: `This cover ended on ${plan.lapsedOn}, more than ${LAPSE_GRACE_DAYS} days ago, and can no longer be renewed: submit it as NEW.`,
        },
      };
    case 'NEW_WITH_RENEWS_COVER':
      return {
        field: 'kind',
        code: 'INVALID',
        words: {
          vi: 'Hồ sơ ghi tái tục một thời hạn tham gia (renewsCover) thì không thể là tham gia mới (NEW).',
          en: 'A submission that renews a cover (renewsCover) cannot be NEW.',
        },
      };
  }
}
