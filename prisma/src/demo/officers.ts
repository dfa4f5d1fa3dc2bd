import type { Prisma } from '../../generated/prisma/client.ts';
import { DEMO_SCHEMES, type SeededCampaign } from './campaigns.ts';
import { personName } from './people.ts';
import type { SeededUnit } from './units.ts';

/** Every officer has the Cần Thơ quota in every campaign: 1 voluntary SI and 2 household HI. */
const OFFICER_QUOTA = { VOLUNTARY_SI: 1, HOUSEHOLD_HI: 2 } as const;
const ORGANISATIONS = ['SOCIAL_SECURITY', 'WOMENS_UNION', 'FARMERS_ASSOCIATION', 'YOUTH_UNION'] as const;

export interface SeededOfficer {
  id: number;
  code: string;
  unitId: number;
  /** Some officers have not signed anybody up yet: boards show how many are at zero. */
  idle: boolean;
}

/** The post office's collection agent of each district, and two officers in each commune. */
export async function createOfficers(
  tx: Prisma.TransactionClient,
  root: SeededUnit,
  random: () => number,
): Promise<SeededOfficer[]> {
  const rows: Prisma.OfficerCreateManyInput[] = [];
  for (const province of root.children) {
    for (const district of province.children) {
      rows.push({
        code: `DL-${district.code}`,
        fullName: `Bưu điện ${district.code} (đại lý thu)`,
        organisation: 'POST_OFFICE',
        unitId: district.id,
      });
      for (const commune of district.children) {
        for (let n = 1; n <= 2; n++) {
          rows.push({
            code: `CB-${commune.code}-${n}`,
            fullName: personName(random, n % 2 === 0 ? 'FEMALE' : 'MALE'),
            organisation: ORGANISATIONS[Math.floor(random() * ORGANISATIONS.length)] ?? 'SOCIAL_SECURITY',
            unitId: commune.id,
          });
        }
      }
    }
  }
  const created = await tx.officer.createManyAndReturn({
    data: rows,
    select: { id: true, code: true, unitId: true },
  });
  return created.map((officer) => ({ ...officer, idle: random() < 0.12 }));
}

export async function createOfficerQuotas(
  tx: Prisma.TransactionClient,
  campaign: SeededCampaign,
  officers: SeededOfficer[],
): Promise<void> {
  await tx.officerQuota.createMany({
    data: officers.flatMap((officer) =>
      DEMO_SCHEMES.map((scheme) => ({
        campaignId: campaign.id,
        officerId: officer.id,
        scheme,
        quota: OFFICER_QUOTA[scheme as keyof typeof OFFICER_QUOTA],
      })),
    ),
  });
}
