import type { Channel, Enrolment, EnrolmentKind, Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import {
  citizenKey,
  coverKey,
  SUBMISSION_DIGEST_VERSION,
  type SubmissionContent,
  submissionDigest,
} from '@toandan/db/enrolmentKeys';
import { personalData, randomBytesFromPool } from '@toandan/db/personalData';
import { campaignState } from '@toandan/shared/campaignState';
import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { checkFullName } from '@toandan/shared/checkFullName';
import { coverageMonthsAllowed, DEFAULT_COVERAGE_MONTHS } from '@toandan/shared/cover';
import { plausibilityProblems } from '@toandan/shared/plausibilityProblems';
import { vnDay } from '@toandan/shared/vnDay';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../audit.ts';
import { campaignClosedMessage } from '../campaigns/manageCampaign.ts';
import { publishCommitted } from '../live/boardPublisher.ts';
import { countedChain } from '../units/chains.ts';
import { isWithin } from '../units/isWithin.ts';
import {
  notFound,
  type UserError,
  type UserErrorCode,
  userError,
  viDay,
  viMoment,
  viScheme,
  type Words,
} from '../userErrors.ts';
import { coverageMonthsWords, lastCover, planCover, refusedCoverWords } from './covers.ts';
import { citizenIdWords, fullNameWords, plausibilityWords } from './problemWords.ts';
import { references } from './references.ts';
import { insertCounted, TREE_CHANGED } from './writeBatch.ts';

export interface SubmitEnrolmentInput {
  campaignId: string;
  unitCode: string;
  scheme: Scheme;
  /** May be left out when `renewsCover` names the cover: the server has it. */
  citizenId?: string | null;
  fullName?: string | null;
  idempotencyKey: string;
  enrolledAt?: Date | null;
  officerCode?: string | null;
  channel?: Channel | null;
  /** Months paid; DEFAULT_COVERAGE_MONTHS when left out. */
  coverageMonths?: number | null;
  /** Left out: the server decides from the person's last cover (covers.ts, planCover). */
  kind?: EnrolmentKind | null;
  /** The id of a Renewal (the cover it extends), for a renewal made without the citizen ID. */
  renewsCover?: string | null;
}

export interface SubmitEnrolmentResult {
  enrolment: Enrolment | null;
  duplicate: boolean;
  userErrors: UserError[];
}

/** A field phone's clock may run this far ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

const error = (field: string, code: UserErrorCode, message: Words): UserError =>
  userError(['input', field], code, message);

/**
 * Submits one enrolment. Expected failures come back as `userErrors` and store nothing; a key
 * seen before returns the first answer and counts nothing; the same person in the same scheme
 * under another key, while a cover of theirs runs (in any campaign), is a duplicate, not a
 * second enrolment; a renewal extends the person's last cover, once (covers.ts). The enrolment
 * and its counters commit in one transaction, and the database's unique constraints decide
 * races.
 */
export async function submitEnrolment(
  input: SubmitEnrolmentInput,
  context: { actor: Actor; now?: Date },
): Promise<SubmitEnrolmentResult> {
  // A reorganisation that commits between the checks and the write sends the submission back
  // to be checked against the new tree (its unit may have been merged away): a few times at
  // most, since each reorganisation waits for the writes in flight and is rare.
  for (let attempt = 1; ; attempt++) {
    const result = await submitOnce(input, context);
    if (result !== TREE_CHANGED) return result;
    if (attempt >= 5) throw new Error('the tree kept changing while this submission was written');
  }
}

async function submitOnce(
  input: SubmitEnrolmentInput,
  context: { actor: Actor; now?: Date },
): Promise<SubmitEnrolmentResult | typeof TREE_CHANGED> {
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
      error('idempotencyKey', 'INVALID', {
        vi: 'Mã gửi phải có từ 8 đến 128 ký tự in được, không có dấu cách (ví dụ một UUID).',
        en: 'The idempotency key must be 8 to 128 printable characters without spaces, e.g. a UUID.',
      }),
    );
  }
  const renewsCover = input.renewsCover?.trim() || null;
  // With renewsCover the person comes from the cover; an ID or name sent too must be theirs.
  const givenId = input.citizenId ?? null;
  const givenName = input.fullName ?? null;
  const citizen =
    givenId === null && renewsCover ? null : checkCitizenId(givenId ?? '', Number(vnDay.of(now).slice(0, 4)));
  if (citizen && !citizen.ok) errors.push(error('citizenId', 'INVALID', citizenIdWords(citizen.problem)));
  const name = givenName === null && renewsCover ? null : checkFullName(givenName ?? '');
  if (name && !name.ok) errors.push(error('fullName', 'INVALID', fullNameWords(name)));
  const months = input.coverageMonths ?? DEFAULT_COVERAGE_MONTHS;
  if (!coverageMonthsAllowed(input.scheme, months)) {
    errors.push(error('coverageMonths', 'INVALID', coverageMonthsWords(input.scheme, months)));
  }
  const enrolledAt = input.enrolledAt ?? now;
  if (enrolledAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    errors.push(
      error('enrolledAt', 'INVALID', {
        vi: `Thời điểm kê khai (${viMoment(enrolledAt)}) ở sau giờ của máy chủ (${viMoment(now)}): hãy chỉnh lại đồng hồ của điện thoại.`,
        en: `enrolledAt ${enrolledAt.toISOString()} is in the future (server time ${now.toISOString()}).`,
      }),
    );
  }
  if (errors.length > 0 || (citizen && !citizen.ok) || (name && !name.ok)) return refused(...errors);

  // 2. The rules of the campaign, against the campaign, unit and officer as kept in memory
  // (references.ts). A refused submission whose key was seen before answers as it did the
  // first time, whatever has changed since (refusedUnlessKnown).
  const day = vnDay.of(enrolledAt);
  // A token that is one officer's counts its submissions for that officer unless it names
  // another, which only a token that is nobody's in particular may do.
  const tokenOfficer = context.actor.auth?.officerCode ?? null;
  const officerCode = input.officerCode?.trim() || tokenOfficer;
  const channel = input.channel ?? 'FIELD_VISIT';
  const submitted: SubmissionContent = {
    campaignId: input.campaignId,
    unitCode: input.unitCode.trim(),
    scheme: input.scheme,
    citizenId: citizen?.citizenId ?? '',
    fullName: name?.fullName ?? '',
    enrolledAt: input.enrolledAt ? input.enrolledAt.toISOString() : null,
    channel,
    officerCode,
    kind: input.kind ?? null,
    coverageMonths: input.coverageMonths ?? null,
    renewsCover,
  };
  const [campaign, unit, officer, renewed] = await Promise.all([
    references.campaign(input.campaignId),
    references.unit(input.unitCode.trim()),
    officerCode ? references.officer(officerCode) : null,
    renewsCover ? coverToRenew(renewsCover) : null,
  ]);
  const refusedUnlessKnown = async (...userErrors: UserError[]) => {
    const known = await db.enrolment.findUnique({ where: { idempotencyKey } });
    return known ? answerForKnownKey(known, submitted) : refused(...userErrors);
  };
  if (!campaign)
    return refusedUnlessKnown(error('campaignId', 'NOT_FOUND', notFound.campaign(input.campaignId)));
  // Late syncs count through the grace after the last day; after it, or once closed, nothing.
  if (campaignState(campaign, now) === 'CLOSED')
    return refusedUnlessKnown(error('campaignId', 'CAMPAIGN_CLOSED', campaignClosedMessage(campaign)));
  const domainErrors: UserError[] = [];
  if (!campaign.schemes.includes(input.scheme)) {
    domainErrors.push(
      error('scheme', 'INVALID', {
        vi: `Chiến dịch này không triển khai ${viScheme(input.scheme)}; chỉ nhận ${campaign.schemes.map(viScheme).join(', ')}.`,
        en: `The campaign does not run ${input.scheme}; it runs ${campaign.schemes.join(', ')}.`,
      }),
    );
  }
  if (day < campaign.startsOn || day > campaign.endsOn) {
    domainErrors.push(
      error('enrolledAt', 'INVALID', {
        vi: `Ngày kê khai ${viDay(day)} (giờ Việt Nam) nằm ngoài thời gian của chiến dịch, từ ${viDay(campaign.startsOn)} đến ${viDay(campaign.endsOn)}.`,
        en: `enrolledAt falls on ${day} in Viet Nam, outside the campaign's days ${campaign.startsOn} to ${campaign.endsOn}.`,
      }),
    );
  }
  if (!unit) {
    domainErrors.push(error('unitCode', 'NOT_FOUND', notFound.unit(input.unitCode)));
  } else if (unit.mergedInto && unit.mergedOn && unit.mergedOn <= day) {
    domainErrors.push(
      error('unitCode', 'INVALID', {
        vi: `Đơn vị ${unit.code} (${unit.name}) đã sáp nhập vào ${unit.mergedInto.code} (${unit.mergedInto.name}) từ ngày ${viDay(unit.mergedOn)}: hãy kê khai cho ${unit.mergedInto.code}.`,
        en: `Unit ${unit.code} (${unit.name}) was merged into ${unit.mergedInto.code} (${unit.mergedInto.name}) on ${unit.mergedOn}; submit to ${unit.mergedInto.code}.`,
      }),
    );
  } else if (unit.dissolvedOn && unit.dissolvedOn <= day) {
    domainErrors.push(
      error('unitCode', 'INVALID', {
        vi: `Đơn vị ${unit.code} (${unit.name}) đã giải thể từ ngày ${viDay(unit.dissolvedOn)}: hãy kê khai cho đơn vị cấp dưới nơi người tham gia cư trú.`,
        en: `Unit ${unit.code} (${unit.name}) was dissolved on ${unit.dissolvedOn}; submit to the unit below it where the person lives.`,
      }),
    );
  } else if (!isWithin(unit, campaign.unitId)) {
    domainErrors.push(
      error('unitCode', 'OUT_OF_SCOPE', {
        vi: `Đơn vị ${unit.code} (${unit.name}) nằm ngoài địa bàn triển khai chiến dịch này.`,
        en: `Unit ${unit.code} is outside the area that runs this campaign.`,
      }),
    );
  } else if (!isWithin(unit, context.actor.auth?.unitId ?? null)) {
    domainErrors.push(
      error('unitCode', 'OUT_OF_SCOPE', {
        vi: `Đơn vị ${unit.code} (${unit.name}) nằm ngoài đơn vị của mã truy cập này (${context.actor.auth?.unitCode}): chỉ được kê khai cho đơn vị đó và các đơn vị trực thuộc.`,
        en: `Unit ${unit.code} is outside your token's unit ${context.actor.auth?.unitCode}: you may submit for it and the units under it only.`,
      }),
    );
  }
  if (tokenOfficer && officerCode !== tokenOfficer && context.actor.auth?.role !== 'COMMAND_CENTER') {
    domainErrors.push(
      error('officerCode', 'OUT_OF_SCOPE', {
        vi: `Mã truy cập này là của cán bộ ${tokenOfficer}: chỉ kê khai cho cán bộ đó, không cho ${officerCode}.`,
        en: `This token is officer ${tokenOfficer}'s: it submits for that officer only, not for ${officerCode}.`,
      }),
    );
  } else if (officerCode && !officer) {
    domainErrors.push(
      error('officerCode', 'NOT_FOUND', {
        vi: `Không có cán bộ nào mang mã "${officerCode}".`,
        en: `No officer has the code "${officerCode}".`,
      }),
    );
  } else if (officer && unit && !isWithin(unit, officer.unitId)) {
    domainErrors.push(
      error('officerCode', 'OUT_OF_SCOPE', {
        vi: `Cán bộ ${officer.code} không thuộc đơn vị ${unit.code} hay một đơn vị cấp trên của đơn vị này.`,
        en: `Officer ${officer.code} does not work in unit ${unit.code} or above it.`,
      }),
    );
  }
  // The cover renewed by its id: one the token may see, of this scheme, still counted, and the
  // ID and name sent along (if any) its person's.
  let citizenId = citizen?.citizenId ?? '';
  let fullName = name?.fullName ?? '';
  if (renewsCover) {
    if (!renewed || !isWithin(renewed.unit, context.actor.auth?.unitId ?? null)) {
      domainErrors.push(
        error('renewsCover', 'NOT_FOUND', {
          vi: `Không có thời hạn tham gia nào mang mã "${renewsCover}" trong địa bàn của mã truy cập này.`,
          en: `No cover has the id "${renewsCover}" within your token's units.`,
        }),
      );
    } else if (!renewed.counted) {
      domainErrors.push(
        error('renewsCover', 'INVALID', {
          vi: 'Thời hạn tham gia này đã bị hủy kết quả, không tái tục được.',
          en: 'This cover was voided and cannot be renewed.',
        }),
      );
    } else {
      const coverId = personalData().open(renewed.citizenIdSealed);
      if (renewed.scheme !== input.scheme) {
        domainErrors.push(
          error('scheme', 'INVALID', {
            vi: `Thời hạn tham gia này là của ${viScheme(renewed.scheme)}, không phải ${viScheme(input.scheme)}.`,
            en: `This cover is ${renewed.scheme}, not ${input.scheme}.`,
          }),
        );
      } else if (citizen?.ok && citizen.citizenId !== coverId) {
        domainErrors.push(
          error('citizenId', 'INVALID', {
            vi: 'Số CCCD này không phải của người có thời hạn tham gia được tái tục.',
            en: 'This citizen ID is not that of the person whose cover is renewed.',
          }),
        );
      }
      citizenId = coverId;
      if (!name) fullName = personalData().open(renewed.fullNameSealed);
    }
  }
  // Rules that a stored enrolment may predate: with the campaign's, so a known key answers as before.
  for (const problem of plausibilityProblems({
    scheme: input.scheme,
    citizenId,
    fullName,
    enrolmentYear: Number(day.slice(0, 4)),
  })) {
    domainErrors.push(error(problem.field, 'INVALID', plausibilityWords(problem)));
  }
  if (domainErrors.length > 0 || !unit) return refusedUnlessKnown(...domainErrors);

  // 3. The cover: what the person's last one makes of this submission (covers.ts). Read before
  // the write, so a stale read is possible; the write's unique cover key settles it.
  const personCovers = citizenKey(input.scheme, citizenId);
  const last = await lastCover(personCovers);
  const plan =
    renewsCover && last?.id !== renewsCover
      ? ({ refused: 'ALREADY_ENROLLED' } as const)
      : planCover({ day, months, last, kind: input.kind ?? null, renewsCover: renewsCover !== null });
  if ('refused' in plan) {
    if (plan.refused !== 'ALREADY_ENROLLED') {
      const { field, code, words } = refusedCoverWords(plan, input.scheme);
      return refusedUnlessKnown(error(field, code, words));
    }
    const known = await db.enrolment.findUnique({ where: { idempotencyKey } });
    return known ? answerForKnownKey(known, submitted) : alreadyEnrolled(input.scheme);
  }

  // 4. The enrolment and its counters in one statement, so together or not at all. The
  // database's unique keys decide races and retries: a conflict stores and counts nothing.
  const key = coverKey(input.scheme, citizenId, plan.follows);
  const enrolmentId = uuidv7({ random: randomBytesFromPool(16) });
  const enrolment = await insertCounted({
    row: {
      id: enrolmentId,
      campaignId: campaign.id,
      unitId: unit.id,
      officerId: officer?.id ?? null,
      scheme: input.scheme,
      citizenIdSealed: personalData().seal(citizenId),
      fullNameSealed: personalData().seal(fullName),
      channel,
      enrolledAt,
      day: vnDay.toDateColumn(day),
      receivedAt: now,
      idempotencyKey,
      requestDigest: submissionDigest(submitted),
      requestDigestVersion: SUBMISSION_DIGEST_VERSION,
      personKey: key,
      submittedBy: context.actor.auth?.subject ?? null,
      citizenKey: personCovers,
      kind: plan.kind,
      coverageMonths: months,
      coverageFrom: vnDay.toDateColumn(plan.coverageFrom),
      coverageUntil: vnDay.toDateColumn(plan.coverageUntil),
      renewsId: plan.renews,
      renewsCoverageId: plan.renewsCoverage,
    },
    actor: context.actor,
  });
  if (enrolment === TREE_CHANGED) return TREE_CHANGED;
  // A stored batch reaches the boards through its outbox row (writeBatch.ts).
  if (enrolment) return { enrolment, duplicate: false, userErrors: [] };
  // Not stored this time. The same key (a retry, perhaps concurrent) gets the first answer;
  // the row may even be this call's own, committed before the connection dropped and found
  // again by its id: then this call counted it. The same person under another key gets
  // nothing of the enrolment counted first, which may be anyone's, anywhere.
  const known = await db.enrolment.findUnique({ where: { idempotencyKey } });
  if (known?.id === enrolmentId) {
    // Its batch's answer was lost, and with it the hand-over to the boards: sent from here now,
    // not when an instance claims the outbox row as left behind.
    const { chain } = countedChain(unit, day);
    publishCommitted({ campaignId: campaign.id, unitIds: chain.map((u) => u.id), scheme: input.scheme, day });
    return { enrolment: known, duplicate: false, userErrors: [] };
  }
  if (!known) return alreadyEnrolled(input.scheme);
  return answerForKnownKey(known, submitted);
}

/**
 * The cover a `renewsCover` id names, as a Renewal lists it: an enrolment (counted unless voided)
 * or a cover from BHXH's list (importCoverage), whose ids never meet (both are UUIDv7).
 */
async function coverToRenew(id: string) {
  const enrolment = await db.enrolment
    .findUnique({ where: { id }, include: { unit: true } })
    .catch(() => null);
  if (enrolment)
    return { ...enrolment, counted: enrolment.voidedAt === null && enrolment.personKey !== null };
  const imported = await db.importedCover
    .findUnique({ where: { id }, include: { unit: true } })
    .catch(() => null);
  return imported ? { ...imported, counted: true } : null;
}

/**
 * The same person under another key while a cover of theirs runs, or a cover renewed twice:
 * nothing of the cover counted first, which may be anyone's, anywhere.
 */
function alreadyEnrolled(scheme: Scheme): SubmitEnrolmentResult {
  return {
    enrolment: null,
    duplicate: true,
    userErrors: [
      error('citizenId', 'ALREADY_ENROLLED', {
        vi: `Người có số CCCD này đang tham gia ${viScheme(scheme)}, thời hạn tham gia còn hiệu lực: không tính thêm.`,
        en: `This person is already enrolled in ${scheme} with cover still running: nothing was added.`,
      }),
    ],
  };
}

/** The stored digest is compared with this submission's digest of the same version. */
async function answerForKnownKey(
  known: Enrolment,
  submitted: SubmissionContent,
): Promise<SubmitEnrolmentResult> {
  if (known.requestDigest !== submissionDigest(submitted, known.requestDigestVersion)) {
    return {
      enrolment: null,
      duplicate: false,
      userErrors: [
        error('idempotencyKey', 'IDEMPOTENCY_KEY_REUSED', {
          vi: 'Mã gửi này đã dùng cho một hồ sơ khác: hồ sơ mới cần một mã gửi mới.',
          en: 'This idempotency key was used for a different submission; use a new key for a new enrolment.',
        }),
      ],
    };
  }
  return { enrolment: known, duplicate: true, userErrors: [] };
}
