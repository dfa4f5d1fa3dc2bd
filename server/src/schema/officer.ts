import type { Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import DataLoader from 'dataloader';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { references } from '../enrolments/references.ts';
import { notFound } from '../lookups.ts';
import { Viewer } from './auth.ts';
import { SchemeEnum } from './scheme.ts';

export const OrganisationEnum = builder.enumType('Organisation', {
  description: 'Who an officer or collection agent works for (tổ chức).',
  values: {
    SOCIAL_SECURITY: { description: 'The social-security office (cơ quan BHXH).' },
    POST_OFFICE: { description: 'The post office, as a collection agent (bưu điện, đại lý thu).' },
    WOMENS_UNION: { description: 'The Women’s Union (Hội Liên hiệp Phụ nữ).' },
    FARMERS_ASSOCIATION: { description: 'The Farmers’ Association (Hội Nông dân).' },
    YOUTH_UNION: { description: 'The Youth Union (Đoàn Thanh niên).' },
    EMPLOYMENT_SERVICE_CENTRE: { description: 'An employment service centre (trung tâm dịch vụ việc làm).' },
    OTHER: { description: 'Another organisation.' },
  },
});

interface SchemeProgress {
  scheme: Scheme;
  quota: number;
  counted: number;
  renewed: number;
}

const OfficerSchemeProgress = builder.objectRef<SchemeProgress>('OfficerSchemeProgress').implement({
  description:
    'One officer’s count in one scheme of a campaign against the personal quota (chỉ tiêu cá nhân).',
  fields: (t) => ({
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The insurance scheme (loại hình).' }),
    quota: t.exposeInt('quota', {
      description: 'The personal quota for the campaign; 0 when none was set for this scheme.',
    }),
    counted: t.exposeInt('counted', {
      description:
        'NEW enrolments counted for the officer in the campaign (voided ones are not): what the quota counts, people brought in. Renewals are apart, in `renewed`.',
    }),
    renewed: t.exposeInt('renewed', {
      description:
        'RENEWAL enrolments counted for the officer in the campaign (tái tục): shown beside the quota, never in it, since a renewal keeps a participant rather than adding one.',
    }),
    met: t.boolean({
      description: 'True when the NEW count has reached the quota (đạt chỉ tiêu).',
      resolve: (progress) => progress.counted >= progress.quota,
    }),
  }),
});

/**
 * Each officer's quotas and counts in a campaign, for a whole page of officers in two queries
 * (the officers list of the command centre), made once per request.
 */
const progressLoaders = new WeakMap<
  Context,
  DataLoader<string, { quotas: Map<Scheme, number>; counts: Map<Scheme, { count: number; renewed: number }> }>
>();

function progressLoader(context: Context) {
  let loader = progressLoaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (keys: readonly string[]) => {
      const pairs = keys.map((key) => JSON.parse(key) as [string, number]);
      const where = { OR: pairs.map(([campaignId, officerId]) => ({ campaignId, officerId })) };
      const [quotas, counts] = await Promise.all([
        db.officerQuota.findMany({ where }),
        db.officerCount.findMany({ where }),
      ]);
      return pairs.map(([campaignId, officerId]) => ({
        quotas: new Map(
          quotas
            .filter((row) => row.campaignId === campaignId && row.officerId === officerId)
            .map((row) => [row.scheme, row.quota]),
        ),
        counts: new Map(
          counts
            .filter((row) => row.campaignId === campaignId && row.officerId === officerId)
            .map((row) => [row.scheme, { count: row.count, renewed: row.renewed }]),
        ),
      }));
    });
    progressLoaders.set(context, loader);
  }
  return loader;
}

/**
 * An officer or collection agent: the officer's own token reaches it through `viewer.officer`,
 * the command centre through `officers` (inside its subtree), and nobody else.
 */
export const Officer = builder.prismaObject('Officer', {
  description: 'An officer or collection agent (cán bộ, đại lý thu): the holder of an officer’s token.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The officer’s code (mã cán bộ), e.g. "CB-395-01-1".' }),
    name: t.exposeString('fullName', { description: 'Full name (họ và tên).' }),
    organisation: t.expose('organisation', {
      type: OrganisationEnum,
      description: 'Who the officer works for.',
    }),
    unit: t.relation('unit', { description: 'The unit the officer is attached to.' }),
    active: t.exposeBoolean('active', {
      description: 'False once deactivated (registerOfficers): the officer’s tokens no longer work.',
    }),
    progress: t.field({
      type: [OfficerSchemeProgress],
      description:
        'The officer’s count of new participants against the personal quota in each scheme of the campaign, with the renewals beside it, in the campaign’s order (the Cần Thơ rule: at least 1 voluntary SI and 2 household HI participants brought in).',
      args: { campaignId: t.arg.id({ required: true, description: 'The campaign id.' }) },
      resolve: async (officer, { campaignId }, context) => {
        const [campaign, { quotas, counts }] = await Promise.all([
          references.campaign(String(campaignId)),
          progressLoader(context).load(JSON.stringify([String(campaignId), officer.id])),
        ]);
        if (!campaign) throw notFound(`No campaign has the id "${campaignId}".`);
        return campaign.schemes.map((scheme) => ({
          scheme,
          quota: quotas.get(scheme) ?? 0,
          counted: counts.get(scheme)?.count ?? 0,
          renewed: counts.get(scheme)?.renewed ?? 0,
        }));
      },
    }),
  }),
});

builder.objectField(Viewer, 'officer', (t) =>
  t.field({
    type: Officer,
    nullable: true,
    description:
      'The officer who holds this token (`pnpm -s token --officer`), with the officer’s own quota progress; null for a token that is no one officer’s.',
    resolve: (viewer) =>
      viewer.officerId === null ? null : db.officer.findUnique({ where: { id: viewer.officerId } }),
  }),
);
