import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma, Scheme } from '../../generated/prisma/client.ts';
import { demoProvinces } from './provinces.ts';
import { splitByWeights } from './split.ts';
import type { SeededUnit } from './units.ts';

/**
 * May campaign: Thanh Hóa's targets are what its 2020 drives with the post office signed up
 * (4,035 voluntary SI, 4,278 household HI); the other provinces' are scaled by population.
 */
const MAY_TARGETS = { VOLUNTARY_SI: 4035, HOUSEHOLD_HI: 4278 } as const;
/**
 * The drive running on the day of loading lasts 20 days, 6 of them past: Thanh Hóa must find
 * 40,000 household HI participants in it (the seed's "about 40,000 more with 20 days left"),
 * and its voluntary-SI target is the 2020 yearly target of 58,772 pro rata for 20 days.
 */
const DRIVE_TARGETS = { VOLUNTARY_SI: Math.round((58_772 * 20) / 365), HOUSEHOLD_HI: 40_000 } as const;
/**
 * The standing campaign of the year (vận động thường xuyên), where sign-ups and renewals made
 * outside drives count: Thanh Hóa's 2020 yearly voluntary-SI target (58,772), and for household
 * HI, which the seeds give no yearly target for, twelve times May's as a stand-in.
 */
const STANDING_TARGETS = { VOLUNTARY_SI: 58_772, HOUSEHOLD_HI: 12 * MAY_TARGETS.HOUSEHOLD_HI } as const;
const DRIVE_DAYS = 20;
const DRIVE_DAYS_PAST = 6;
export const DEMO_SCHEMES: Scheme[] = ['VOLUNTARY_SI', 'HOUSEHOLD_HI'];

export interface SeededCampaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  root: SeededUnit;
  /** False for the standing campaign: an empty home for what the field app adds. */
  generateEnrolments: boolean;
}

/**
 * The May campaign month of the year, the drive live on the day of loading, and the year's
 * standing campaign, last so that the generated enrolments (and their random draws) stay those
 * of the other two.
 */
export async function createCampaigns(
  tx: Prisma.TransactionClient,
  root: SeededUnit,
  today: string,
): Promise<SeededCampaign[]> {
  const year = Number(today.slice(0, 4));
  const mayStart = `${year}-05-01`;
  const driveStart = vnDay.addDays(today, -DRIVE_DAYS_PAST);
  return [
    await createCampaign(tx, root, {
      id: `thang-5-${year}`,
      name: `Tháng vận động triển khai BHXH toàn dân tháng 5/${year}`,
      kind: 'CAMPAIGN_MONTH',
      startsOn: mayStart,
      endsOn: `${year}-05-31`,
      targets: MAY_TARGETS,
    }),
    await createCampaign(tx, root, {
      id: `ra-quan-${driveStart}`,
      name: `Đợt ra quân cao điểm phát triển người tham gia BHXH tự nguyện, BHYT hộ gia đình (${formatVi(driveStart)} – ${formatVi(vnDay.addDays(driveStart, DRIVE_DAYS - 1))})`,
      kind: 'DRIVE',
      startsOn: driveStart,
      endsOn: vnDay.addDays(driveStart, DRIVE_DAYS - 1),
      targets: DRIVE_TARGETS,
      launchDayGoals: true,
    }),
    await createCampaign(tx, root, {
      id: `thuong-xuyen-${year}`,
      name: `Vận động tham gia BHXH tự nguyện, BHYT hộ gia đình thường xuyên năm ${year}`,
      kind: 'STANDING',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      targets: STANDING_TARGETS,
      generateEnrolments: false,
    }),
  ];
}

/**
 * The drive of the reform's weeks, 16 June to 15 July 2025 (the June inspection of targets falls
 * in it): on the districts of 2021 to 30 June and on the communes of the reform from 1 July, so
 * its boards show both trees. Its targets are May's, handed down on the tree of 2021 and re-based
 * by the reform.
 */
export function createReformDrive(tx: Prisma.TransactionClient, root: SeededUnit): Promise<SeededCampaign> {
  return createCampaign(tx, root, {
    id: 'ra-quan-2025-06-16',
    name: `Đợt ra quân cao điểm phát triển người tham gia BHXH tự nguyện, BHYT hộ gia đình (${formatVi('2025-06-16')} – ${formatVi('2025-07-15')})`,
    kind: 'DRIVE',
    startsOn: '2025-06-16',
    endsOn: '2025-07-15',
    targets: MAY_TARGETS,
  });
}

/**
 * A campaign with its targets: Thanh Hóa's, the other provinces' scaled by population, the
 * nation's their sum, and each handed down to the communes.
 */
async function createCampaign(
  tx: Prisma.TransactionClient,
  root: SeededUnit,
  campaign: {
    id: string;
    name: string;
    kind: 'CAMPAIGN_MONTH' | 'DRIVE' | 'STANDING';
    startsOn: string;
    endsOn: string;
    targets: Record<'VOLUNTARY_SI' | 'HOUSEHOLD_HI', number>;
    launchDayGoals?: boolean;
    generateEnrolments?: boolean;
  },
): Promise<SeededCampaign> {
  await tx.campaign.create({
    data: {
      id: campaign.id,
      name: campaign.name,
      kind: campaign.kind,
      startsOn: vnDay.toDateColumn(campaign.startsOn),
      endsOn: vnDay.toDateColumn(campaign.endsOn),
      schemes: DEMO_SCHEMES,
      unitId: root.id,
    },
  });
  const targets: Prisma.TargetCreateManyInput[] = [];
  const thanhHoa = demoProvinces[0];
  for (const scheme of DEMO_SCHEMES) {
    const thanhHoaTarget = campaign.targets[scheme as keyof typeof campaign.targets];
    let national = 0;
    for (const province of root.children) {
      const provinceTarget = Math.round((thanhHoaTarget * province.weight) / (thanhHoa?.population ?? 1));
      national += provinceTarget;
      targets.push(...handDown(campaign.id, scheme, province, provinceTarget));
    }
    targets.push({ campaignId: campaign.id, unitId: root.id, scheme, target: national });
  }
  await tx.target.createMany({ data: targets });

  if (campaign.launchDayGoals) {
    // The launch day (ngày ra quân) asks for half as much again as an even share, at province level.
    const days = 1 + vnDay.between(campaign.startsOn, campaign.endsOn);
    await tx.dailyGoal.createMany({
      data: targets
        .filter((target) => root.children.some((province) => province.id === target.unitId))
        .map((target) => ({
          campaignId: campaign.id,
          unitId: target.unitId,
          scheme: target.scheme,
          day: vnDay.toDateColumn(campaign.startsOn),
          goal: Math.ceil((1.5 * target.target) / days),
        })),
    });
  }
  return {
    id: campaign.id,
    name: campaign.name,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    root,
    generateEnrolments: campaign.generateEnrolments ?? true,
  };
}

/** The unit's own target, then its children's, split by weight down to the communes. */
function handDown(
  campaignId: string,
  scheme: Scheme,
  unit: SeededUnit,
  target: number,
): Prisma.TargetCreateManyInput[] {
  const rows: Prisma.TargetCreateManyInput[] = [{ campaignId, unitId: unit.id, scheme, target }];
  const parts = splitByWeights(
    target,
    unit.children.map((child) => child.weight),
  );
  unit.children.forEach((child, index) => {
    rows.push(...handDown(campaignId, scheme, child, parts[index] ?? 0));
  });
  return rows;
}

function formatVi(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
