import type { Campaign, CampaignKind, Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { type CampaignCalendar, DEFAULT_GRACE_DAYS, lastSyncDay } from '@toandan/shared/campaignState';
import { defaultWorkingHours, type WorkingHours } from '@toandan/shared/defaultWorkingHours';
import { vnDay } from '@toandan/shared/vnDay';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { notFound, type UserError, userError, viDay, type Words } from '../userErrors.ts';

export interface CampaignInput {
  id?: string | null;
  name?: string | null;
  kind?: CampaignKind | null;
  startsOn?: string | null;
  endsOn?: string | null;
  schemes?: Scheme[] | null;
  unitCode?: string | null;
  graceDays?: number | null;
  workingHours?: WorkingHours | null;
}

export interface CampaignResult {
  campaign: Campaign | null;
  userErrors: UserError[];
}

const ID_PATTERN = /^[a-z0-9-]{3,60}$/;
/** A quarter's worth of late syncs is already more than a phone waits without a signal. */
export const MAX_GRACE_DAYS = 90;

const NAME_LENGTH: Words = {
  vi: 'Tên chiến dịch phải có từ 1 đến 200 ký tự.',
  en: 'The name must have 1 to 200 characters.',
};
/** What a new campaign cannot do without, as the command centre calls it. */
const REQUIRED: Record<'kind' | 'startsOn' | 'endsOn' | 'schemes', string> = {
  kind: 'loại chiến dịch',
  startsOn: 'ngày bắt đầu',
  endsOn: 'ngày kết thúc',
  schemes: 'ít nhất một loại hình',
};

function checkFields(input: CampaignInput, errors: UserError[]) {
  const name = input.name?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (input.name !== undefined && input.name !== null && (!name || name.length > 200)) {
    errors.push(userError(['input', 'name'], 'INVALID', NAME_LENGTH));
  }
  if (input.schemes) {
    if (input.schemes.length === 0)
      errors.push(
        userError(['input', 'schemes'], 'INVALID', {
          vi: 'Chiến dịch phải triển khai ít nhất một loại hình.',
          en: 'A campaign runs at least one scheme.',
        }),
      );
    if (new Set(input.schemes).size !== input.schemes.length) {
      errors.push(
        userError(['input', 'schemes'], 'INVALID', {
          vi: 'Mỗi loại hình chỉ được chọn một lần.',
          en: 'Each scheme may be listed once.',
        }),
      );
    }
  }
  if (input.graceDays != null && (input.graceDays < 0 || input.graceDays > MAX_GRACE_DAYS)) {
    errors.push(
      userError(['input', 'graceDays'], 'INVALID', {
        vi: `Số ngày nhận hồ sơ gửi muộn phải từ 0 đến ${MAX_GRACE_DAYS}; đã nhập ${input.graceDays}.`,
        en: `graceDays must be from 0 to ${MAX_GRACE_DAYS}; got ${input.graceDays}.`,
      }),
    );
  }
  if (input.workingHours) {
    const { start, end } = input.workingHours;
    for (const [field, value] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!HOUR_MINUTE.test(value))
        errors.push(
          userError(['input', 'workingHours', field], 'INVALID', {
            vi: `Giờ làm việc viết theo dạng GG:PP, từ 00:00 đến 23:59 (ví dụ 07:30); đã nhập "${value}".`,
            en: `A working hour is written HH:MM, 00:00 to 23:59 (say 07:30); got "${value}".`,
          }),
        );
    }
    if (HOUR_MINUTE.test(start) && HOUR_MINUTE.test(end) && start >= end)
      errors.push(
        userError(['input', 'workingHours', 'end'], 'INVALID', {
          vi: `Giờ kết thúc ngày làm việc (${end}) phải sau giờ bắt đầu (${start}).`,
          en: `The working day must end (${end}) after it starts (${start}).`,
        }),
      );
  }
  return name;
}

/** "HH:MM" on the 24-hour clock; as strings of this shape, they order as the times do. */
const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The columns of a working day given, or of the default for a new campaign. */
function workingHoursColumns(hours: WorkingHours) {
  return { workingHoursStart: hours.start, workingHoursEnd: hours.end };
}

/** A scoped command centre's campaigns run in its own subtree: its own unit when none is named. */
export async function createCampaign(input: CampaignInput, auth: Auth | null): Promise<CampaignResult> {
  const errors: UserError[] = [];
  const name = checkFields(input, errors);
  if (!name && !input.name) errors.push(userError(['input', 'name'], 'INVALID', NAME_LENGTH));
  for (const field of ['kind', 'startsOn', 'endsOn', 'schemes'] as const) {
    if (!input[field])
      errors.push(
        userError(['input', field], 'INVALID', {
          vi: `Chiến dịch mới cần có ${REQUIRED[field]}.`,
          en: `${field} is required for a new campaign.`,
        }),
      );
  }
  if (input.id && !ID_PATTERN.test(input.id)) {
    errors.push(
      userError(['input', 'id'], 'INVALID', {
        vi: 'Mã chiến dịch có từ 3 đến 60 ký tự: chữ thường không dấu, chữ số và dấu gạch nối.',
        en: 'An id has 3 to 60 lower-case letters, digits and hyphens.',
      }),
    );
  }
  if (input.startsOn && input.endsOn && input.startsOn > input.endsOn) {
    errors.push(
      userError(['input', 'endsOn'], 'INVALID', {
        vi: `Ngày kết thúc (${viDay(input.endsOn)}) ở trước ngày bắt đầu (${viDay(input.startsOn)}).`,
        en: `The campaign ends (${input.endsOn}) before it starts (${input.startsOn}).`,
      }),
    );
  }
  const unitCode = input.unitCode?.trim() || auth?.unitCode || 'VN';
  const [unit, taken] = await Promise.all([
    db.unit.findUnique({ where: { code: unitCode } }),
    input.id ? db.campaign.findUnique({ where: { id: input.id }, select: { id: true } }) : null,
  ]);
  if (!unit) errors.push(userError(['input', 'unitCode'], 'NOT_FOUND', notFound.unit(unitCode)));
  else if (!manages(auth, unit, 'subtree'))
    errors.push(outOfScope(['input', 'unitCode'], auth, unit, 'subtree'));
  if (taken)
    errors.push(
      userError(['input', 'id'], 'INVALID', {
        vi: `Đã có chiến dịch mang mã "${input.id}".`,
        en: `A campaign with the id "${input.id}" exists already.`,
      }),
    );
  if (
    errors.length > 0 ||
    !unit ||
    !name ||
    !input.kind ||
    !input.startsOn ||
    !input.endsOn ||
    !input.schemes
  ) {
    return { campaign: null, userErrors: errors };
  }
  const campaign = await db.campaign.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      name,
      kind: input.kind,
      startsOn: vnDay.toDateColumn(input.startsOn),
      endsOn: vnDay.toDateColumn(input.endsOn),
      schemes: input.schemes,
      graceDays: input.graceDays ?? DEFAULT_GRACE_DAYS,
      ...workingHoursColumns(input.workingHours ?? defaultWorkingHours),
      unitId: unit.id,
    },
  });
  return { campaign, userErrors: [] };
}

/**
 * Edits a campaign. Counted enrolments must still fit: shortening the days or dropping a
 * scheme that has counted enrolments is refused, saying how many are in the way.
 */
export async function updateCampaign(
  id: string,
  input: CampaignInput,
  auth: Auth | null,
): Promise<CampaignResult> {
  const found = await db.campaign.findUnique({ where: { id }, include: { unit: true } });
  if (!found)
    return {
      campaign: null,
      userErrors: [userError(['id'], 'NOT_FOUND', notFound.campaign(id))],
    };
  const { unit: campaignUnit, ...current } = found;
  if (!manages(auth, campaignUnit, 'subtree'))
    return { campaign: null, userErrors: [outOfScope(['id'], auth, campaignUnit, 'subtree')] };
  const errors: UserError[] = [];
  const name = checkFields(input, errors);
  const startsOn = input.startsOn ?? vnDay.fromDateColumn(current.startsOn);
  const endsOn = input.endsOn ?? vnDay.fromDateColumn(current.endsOn);
  const schemes = input.schemes ?? current.schemes;
  if (startsOn > endsOn) {
    errors.push(
      userError(['input', 'endsOn'], 'INVALID', {
        vi: `Chiến dịch sẽ kết thúc (${viDay(endsOn)}) trước khi bắt đầu (${viDay(startsOn)}).`,
        en: `The campaign would end (${endsOn}) before it starts (${startsOn}).`,
      }),
    );
  }
  const [outsideDays, droppedSchemes] = await Promise.all([
    db.enrolment.count({
      where: {
        campaignId: id,
        voidedAt: null,
        OR: [{ day: { lt: vnDay.toDateColumn(startsOn) } }, { day: { gt: vnDay.toDateColumn(endsOn) } }],
      },
    }),
    db.enrolment.count({ where: { campaignId: id, voidedAt: null, scheme: { notIn: schemes } } }),
  ]);
  if (outsideDays > 0) {
    errors.push(
      userError(['input', 'startsOn'], 'INVALID', {
        vi: `${outsideDays} hồ sơ đã ghi nhận nằm ngoài khoảng từ ${viDay(startsOn)} đến ${viDay(endsOn)}.`,
        en: `${outsideDays} counted enrolments fall outside ${startsOn} to ${endsOn}.`,
      }),
    );
  }
  if (droppedSchemes > 0) {
    errors.push(
      userError(['input', 'schemes'], 'INVALID', {
        vi: `${droppedSchemes} hồ sơ đã ghi nhận thuộc loại hình mà thay đổi này bỏ đi.`,
        en: `${droppedSchemes} counted enrolments are in a scheme this would drop.`,
      }),
    );
  }
  if (errors.length > 0) return { campaign: null, userErrors: errors };
  const campaign = await db.campaign.update({
    where: { id },
    data: {
      ...(name ? { name } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      startsOn: vnDay.toDateColumn(startsOn),
      endsOn: vnDay.toDateColumn(endsOn),
      schemes,
      ...(input.graceDays != null ? { graceDays: input.graceDays } : {}),
      ...(input.workingHours ? workingHoursColumns(input.workingHours) : {}),
    },
  });
  return { campaign, userErrors: [] };
}

/**
 * Closes a campaign now (command centre, inside its own subtree): from this moment it counts
 * no more submissions, not even late syncs inside its grace, and its enrolments can no longer
 * be voided. There is no reopening.
 */
export async function closeCampaign(
  id: string,
  mayManage: (unit: { id: number; ancestorIds: number[] }) => Promise<boolean>,
  now = new Date(),
): Promise<CampaignResult> {
  const current = await db.campaign.findUnique({ where: { id }, include: { unit: true } });
  if (!current)
    return {
      campaign: null,
      userErrors: [userError(['id'], 'NOT_FOUND', notFound.campaign(id))],
    };
  if (!(await mayManage(current.unit))) {
    return {
      campaign: null,
      userErrors: [
        userError(['id'], 'OUT_OF_SCOPE', {
          vi: `Chiến dịch ${id} do đơn vị ${current.unit.code} triển khai, nằm ngoài đơn vị của mã truy cập này: chỉ được đóng chiến dịch của đơn vị mình và các đơn vị trực thuộc.`,
          en: `Campaign ${id} is run by unit ${current.unit.code}, outside your token's unit: you may close campaigns of your unit and the units under it only.`,
        }),
      ],
    };
  }
  // The first of two concurrent closes sets the moment; the second finds it set.
  const closed = await db.campaign.updateMany({ where: { id, closedAt: null }, data: { closedAt: now } });
  const { unit: _unit, ...campaign } = current;
  if (closed.count === 0) {
    const already = await db.campaign.findUniqueOrThrow({ where: { id } });
    return {
      campaign: null,
      userErrors: [
        userError(['id'], 'CAMPAIGN_CLOSED', {
          vi: `Chiến dịch ${id} đã đóng từ trước, ngày ${viDay(vnDay.of(already.closedAt ?? now))}.`,
          en: `Campaign ${id} was closed already, on ${vnDay.of(already.closedAt ?? now)}.`,
        }),
      ],
    };
  }
  return { campaign: { ...campaign, closedAt: now }, userErrors: [] };
}

/** Why a CLOSED campaign refuses a submission or a void: which day it closed, and how. */
export function campaignClosedMessage(campaign: { id: string } & CampaignCalendar): Words {
  const lastDay = lastSyncDay(campaign);
  if (campaign.closedAt !== null && vnDay.of(new Date(campaign.closedAt)) <= lastDay) {
    const closedOn = vnDay.of(new Date(campaign.closedAt));
    return {
      vi: `Chiến dịch ${campaign.id} đã được trung tâm chỉ huy đóng ngày ${viDay(closedOn)}: không nhận thêm hồ sơ nào.`,
      en: `Campaign ${campaign.id} was closed on ${closedOn} by the command centre; it counts nothing more.`,
    };
  }
  return {
    vi: `Chiến dịch ${campaign.id} đã đóng sau ngày ${viDay(lastDay)}: ngày cuối của chiến dịch là ${viDay(campaign.endsOn)}, và hồ sơ gửi muộn chỉ được nhận thêm ${campaign.graceDays} ngày sau đó.`,
    en: `Campaign ${campaign.id} closed after ${lastDay}: its last day was ${campaign.endsOn}, and late submissions counted for ${campaign.graceDays} days after it.`,
  };
}
