import { db } from '@toandan/db/db';
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
  },
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
