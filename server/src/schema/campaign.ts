import { db } from '@toandan/db/db';
import { campaignState } from '@toandan/shared/campaignState';
import { defaultWorkingHours } from '@toandan/shared/defaultWorkingHours';
import { vnDay } from '@toandan/shared/vnDay';
import { builder } from '../builder.ts';
import { SchemeEnum } from './scheme.ts';

export const CampaignKindEnum = builder.enumType('CampaignKind', {
  description: 'What kind of campaign this is.',
  values: {
    CAMPAIGN_MONTH: {
      description:
        'A campaign month, such as May\'s "Tháng vận động triển khai BHXH toàn dân" (Decision 1676/QĐ-TTg).',
    },
    DRIVE: { description: 'A drive or launch day (đợt ra quân).' },
    STANDING: {
      description:
        'The standing all-year campaign (vận động thường xuyên): the home of sign-ups and renewals made outside drives.',
    },
  },
});

export const CampaignStateEnum = builder.enumType('CampaignState', {
  description: 'Where a campaign stands, by the Viet Nam day.',
  values: {
    UPCOMING: { description: 'Before its first day.' },
    RUNNING: { description: 'From its first day through its last.' },
    GRACE: {
      description:
        'After its last day, for graceDays days: late syncs of enrolments made on its days still count, and voids are allowed.',
    },
    CLOSED: {
      description:
        'After the grace, or once closed by closeCampaign: submissions are refused with CAMPAIGN_CLOSED, and so are voids.',
    },
  },
});

const WorkingHours = builder.objectRef<{ start: string; end: string }>('WorkingHours').implement({
  description: 'The working day of a campaign, in Viet Nam time: planToNow spreads a day’s goal over it.',
  fields: (t) => ({
    start: t.exposeString('start', {
      description: 'When the working day starts, "HH:MM" (07:30 by default).',
    }),
    end: t.exposeString('end', { description: 'When it ends, "HH:MM" (17:00 by default).' }),
  }),
});

export const Campaign = builder.prismaObject('Campaign', {
  description: 'An enrolment campaign (chiến dịch, đợt vận động) with its days, schemes and targets.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier, used in board URLs.' }),
    name: t.exposeString('name', { description: 'Vietnamese name of the campaign (tên chiến dịch).' }),
    kind: t.expose('kind', { type: CampaignKindEnum, description: 'Campaign month or drive.' }),
    startsOn: t.field({
      type: 'Date',
      description: 'First day (ngày bắt đầu), a Viet Nam day, inclusive.',
      resolve: (campaign) => vnDay.fromDateColumn(campaign.startsOn),
    }),
    endsOn: t.field({
      type: 'Date',
      description: 'Last day (ngày kết thúc), a Viet Nam day, inclusive.',
      resolve: (campaign) => vnDay.fromDateColumn(campaign.endsOn),
    }),
    schemes: t.expose('schemes', {
      type: [SchemeEnum],
      description: 'The schemes (loại hình) the campaign runs.',
    }),
    state: t.field({
      type: CampaignStateEnum,
      description: 'Where the campaign stands now: UPCOMING, RUNNING, GRACE or CLOSED.',
      resolve: (campaign) =>
        campaignState({
          startsOn: vnDay.fromDateColumn(campaign.startsOn),
          endsOn: vnDay.fromDateColumn(campaign.endsOn),
          graceDays: campaign.graceDays,
          closedAt: campaign.closedAt,
        }),
    }),
    graceDays: t.exposeInt('graceDays', {
      description:
        'Days after endsOn during which late syncs from phones that were offline still count (7 unless set).',
    }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the command centre closed it (closeCampaign); null unless it did.',
    }),
    workingHours: t.field({
      type: WorkingHours,
      description: `The working day in Viet Nam time, ${defaultWorkingHours.start} to ${defaultWorkingHours.end} unless the campaign sets its own (CampaignInput.workingHours).`,
      select: { workingHoursStart: true, workingHoursEnd: true },
      resolve: (campaign) => ({ start: campaign.workingHoursStart, end: campaign.workingHoursEnd }),
    }),
    unit: t.relation('unit', {
      description: 'The unit whose subtree runs the campaign (the nation for a national one).',
    }),
  }),
});

builder.queryFields((t) => ({
  campaigns: t.prismaField({
    type: ['Campaign'],
    description: 'Every campaign (chiến dịch), the most recent first.',
    resolve: (query) => db.campaign.findMany({ ...query, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
  }),
  campaign: t.prismaField({
    type: 'Campaign',
    nullable: true,
    description: 'One campaign by id; null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The campaign id.' }) },
    resolve: (query, _root, { id }) => db.campaign.findUnique({ ...query, where: { id: String(id) } }),
  }),
}));
