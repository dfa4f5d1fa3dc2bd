import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma, PrismaClient, Scheme } from '../generated/prisma/client.ts';
import { rebuildCounters } from './counters.ts';
import { seededRandom } from './demo/random.ts';
import { splitByWeights } from './demo/split.ts';
import { COMMUNES_PER_DISTRICT, type DemoProvince, demoProvinces } from './demo/units.ts';
import { personKey, SUBMISSION_DIGEST_VERSION, submissionDigest } from './enrolmentKeys.ts';
import { personalData } from './personalData.ts';

/**
 * The demo dataset (API.md, "Running it"), built from DOMAIN.md's facts. The rules that turn
 * the facts into numbers are written down in docs/domain.md ("The demo dataset"):
 *
 * - May campaign: Thanh Hóa's targets are what its 2020 drives with the post office signed up
 *   (4,035 voluntary SI, 4,278 household HI); the other provinces' are scaled by population.
 * - The drive running on the day of loading lasts 20 days, 6 of them past: Thanh Hóa must find
 *   40,000 household HI participants in it (the seed's "about 40,000 more with 20 days left"),
 *   and its voluntary-SI target is the 2020 yearly target of 58,772 pro rata for 20 days.
 * - A province's target is split over its districts, and a district's over its communes, in
 *   proportion to (generated) population, by largest remainder so the parts add up exactly.
 * - Every officer has the Cần Thơ quota in every campaign: 1 voluntary SI and 2 household HI.
 */
const MAY_TARGETS = { VOLUNTARY_SI: 4035, HOUSEHOLD_HI: 4278 } as const;
const DRIVE_TARGETS = { VOLUNTARY_SI: Math.round((58_772 * 20) / 365), HOUSEHOLD_HI: 40_000 } as const;
const DRIVE_DAYS = 20;
const DRIVE_DAYS_PAST = 6;
const OFFICER_QUOTA = { VOLUNTARY_SI: 1, HOUSEHOLD_HI: 2 } as const;
const DEMO_SCHEMES: Scheme[] = ['VOLUNTARY_SI', 'HOUSEHOLD_HI'];

const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Lò'];
const MIDDLE_NAMES = { MALE: ['Văn', 'Đức', 'Minh', 'Hữu'], FEMALE: ['Thị', 'Ngọc', 'Thu', 'Hồng'] };
const GIVEN_NAMES = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Xuân',
  'Yến',
];
const ORGANISATIONS = ['SOCIAL_SECURITY', 'WOMENS_UNION', 'FARMERS_ASSOCIATION', 'YOUTH_UNION'] as const;

export interface SeedSummary {
  units: number;
  officers: number;
  enrolments: number;
  campaigns: { id: string; name: string; startsOn: string; endsOn: string }[];
}

interface SeededUnit {
  id: number;
  code: string;
  ancestorIds: number[];
  weight: number;
  provinceCode: string;
  children: SeededUnit[];
}

/** Loads the demo dataset unless it is there already; returns null when nothing was added. */
export async function seedDemo(db: PrismaClient, now: Date = new Date()): Promise<SeedSummary | null> {
  if (await db.unit.findUnique({ where: { code: 'VN' }, select: { id: true } })) return null;
  return db.$transaction((tx) => load(tx, now), { timeout: 600_000, maxWait: 60_000 });
}

async function load(tx: Prisma.TransactionClient, now: Date): Promise<SeedSummary> {
  const random = seededRandom(20_260_501);
  const today = vnDay.of(now);
  const year = Number(today.slice(0, 4));

  const nation = await tx.unit.create({
    data: { code: 'VN', name: 'Việt Nam', kind: 'NATION', ancestorIds: [], depth: 0 },
  });
  const root: SeededUnit = {
    id: nation.id,
    code: 'VN',
    ancestorIds: [],
    weight: 1,
    provinceCode: '',
    children: [],
  };
  let unitCount = 1;

  for (const province of demoProvinces) {
    const seededProvince = await createUnit(tx, root, {
      code: province.code,
      name: province.name,
      kind: province.kind,
      weight: province.population,
    });
    const districtWeights = province.districts.map(() => 0.5 + random());
    const districtPopulations = splitByWeights(province.population, districtWeights);
    await createPopulation(tx, seededProvince.id, year, province, province.population, province.labourForce);
    unitCount++;

    for (const [index, district] of province.districts.entries()) {
      const population = districtPopulations[index] ?? 0;
      const seededDistrict = await createUnit(tx, seededProvince, {
        code: district.code,
        name: district.name,
        kind: district.kind,
        weight: population,
      });
      await createPopulation(tx, seededDistrict.id, year, province, population);
      unitCount++;
      const communeWeights = Array.from({ length: COMMUNES_PER_DISTRICT }, () => 0.5 + random());
      const communePopulations = splitByWeights(population, communeWeights);
      const urban = district.kind !== 'DISTRICT';
      for (let n = 1; n <= COMMUNES_PER_DISTRICT; n++) {
        const seat = n === 1 && district.township;
        const communePopulation = communePopulations[n - 1] ?? 0;
        const commune = await createUnit(tx, seededDistrict, {
          code: `${district.code}-${String(n).padStart(2, '0')}`,
          name: seat ? seat : `${urban ? 'Phường' : 'Xã'} mẫu ${n}`,
          kind: seat ? 'TOWNSHIP' : urban ? 'WARD' : 'COMMUNE',
          weight: communePopulation,
          generated: true,
        });
        await createPopulation(tx, commune.id, year, province, communePopulation);
        unitCount++;
      }
    }
  }

  const officers = await createOfficers(tx, root, random);
  const mayStart = `${year}-05-01`;
  const driveStart = vnDay.addDays(today, -DRIVE_DAYS_PAST);
  const campaigns = [
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
  ];

  let enrolments = 0;
  for (const campaign of campaigns) {
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
    enrolments += await createHistory(tx, campaign, officers, now, random);
    await rebuildCounters(tx, campaign.id);
  }

  return {
    units: unitCount,
    officers: officers.length,
    enrolments,
    campaigns: campaigns.map(({ id, name, startsOn, endsOn }) => ({ id, name, startsOn, endsOn })),
  };
}

async function createUnit(
  tx: Prisma.TransactionClient,
  parent: SeededUnit,
  unit: {
    code: string;
    name: string;
    kind: Prisma.UnitCreateInput['kind'];
    weight: number;
    generated?: boolean;
  },
): Promise<SeededUnit> {
  const ancestorIds = [...parent.ancestorIds, parent.id];
  const created = await tx.unit.create({
    data: {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parentId: parent.id,
      ancestorIds,
      depth: ancestorIds.length,
      generated: unit.generated ?? false,
    },
    select: { id: true },
  });
  const seeded: SeededUnit = {
    id: created.id,
    code: unit.code,
    ancestorIds,
    weight: unit.weight,
    provinceCode: parent.provinceCode || unit.code,
    children: [],
  };
  parent.children.push(seeded);
  return seeded;
}

function createPopulation(
  tx: Prisma.TransactionClient,
  unitId: number,
  year: number,
  province: DemoProvince,
  population: number,
  labourForce = Math.round((population * province.labourForce) / province.population),
) {
  return tx.unitPopulation.create({ data: { unitId, year, population, labourForce, generated: true } });
}

interface SeededOfficer {
  id: number;
  code: string;
  unitId: number;
  /** Some officers have not signed anybody up yet: boards show how many are at zero. */
  idle: boolean;
}

async function createOfficers(
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

interface SeededCampaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  root: SeededUnit;
}

async function createCampaign(
  tx: Prisma.TransactionClient,
  root: SeededUnit,
  campaign: {
    id: string;
    name: string;
    kind: 'CAMPAIGN_MONTH' | 'DRIVE';
    startsOn: string;
    endsOn: string;
    targets: Record<'VOLUNTARY_SI' | 'HOUSEHOLD_HI', number>;
    launchDayGoals?: boolean;
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
  return { id: campaign.id, name: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn, root };
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

/**
 * Enrolments from the campaign's first day up to now: each commune works at its own pace
 * (75–120% of an even share of its target), and today's count is in proportion to the hours
 * of the Viet Nam working day already gone.
 */
async function createHistory(
  tx: Prisma.TransactionClient,
  campaign: SeededCampaign,
  officers: SeededOfficer[],
  now: Date,
  random: () => number,
): Promise<number> {
  const today = vnDay.of(now);
  const lastDay = campaign.endsOn < today ? campaign.endsOn : today;
  if (lastDay < campaign.startsOn) return 0;
  const days = vnDay.range(campaign.startsOn, lastDay);
  const campaignDays = 1 + vnDay.between(campaign.startsOn, campaign.endsOn);
  const targets = await tx.target.findMany({
    where: { campaignId: campaign.id },
    select: { unitId: true, scheme: true, target: true },
  });
  const targetOf = new Map(targets.map((t) => [`${t.unitId}:${t.scheme}`, t.target]));
  const officersByUnit = new Map<number, SeededOfficer[]>();
  for (const officer of officers) {
    if (!officer.idle)
      officersByUnit.set(officer.unitId, [...(officersByUnit.get(officer.unitId) ?? []), officer]);
  }

  let serial = 0;
  const sealing = personalData();
  let batch: Prisma.EnrolmentCreateManyInput[] = [];
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insertEnrolments(tx, batch);
    total += batch.length;
    batch = [];
  };

  for (const province of campaign.root.children) {
    for (const district of province.children) {
      for (const commune of district.children) {
        const pace = 0.75 + random() * 0.45;
        const workers = [
          ...(officersByUnit.get(commune.id) ?? []),
          ...(officersByUnit.get(district.id) ?? []),
        ];
        for (const scheme of DEMO_SCHEMES) {
          const perDay = ((targetOf.get(`${commune.id}:${scheme}`) ?? 0) / campaignDays) * pace;
          for (const day of days) {
            const start = vnDay.startOf(day).getTime();
            const opens = start + 7 * 3_600_000;
            const closes = Math.min(start + 20 * 3_600_000, now.getTime());
            if (closes <= opens) continue;
            const share = (closes - opens) / (13 * 3_600_000);
            const count = Math.max(0, Math.round(perDay * share * (0.6 + random() * 0.8)));
            for (let i = 0; i < count; i++) {
              serial++;
              const enrolledAt = new Date(opens + random() * (closes - opens));
              const sex = random() < 0.5 ? 'MALE' : 'FEMALE';
              const birthYear =
                scheme === 'VOLUNTARY_SI'
                  ? 1966 + Math.floor(random() * 40)
                  : 1940 + Math.floor(random() * 85);
              const citizenId = citizenIdFor(province.provinceCode, sex, birthYear, serial);
              const fullName = personName(random, sex);
              const key = `demo-${campaign.id}-${serial}`;
              const officer = workers.length ? workers[Math.floor(random() * workers.length)] : undefined;
              const channel =
                random() < 0.25 ? 'POST_OFFICE' : random() < 0.5 ? 'GROUP_MEETING' : 'FIELD_VISIT';
              batch.push({
                campaignId: campaign.id,
                unitId: commune.id,
                officerId: officer?.id ?? null,
                scheme,
                citizenIdSealed: sealing.seal(citizenId),
                fullNameSealed: sealing.seal(fullName),
                channel,
                enrolledAt,
                day: vnDay.toDateColumn(day),
                receivedAt: new Date(Math.min(enrolledAt.getTime() + random() * 600_000, now.getTime())),
                idempotencyKey: key,
                requestDigest: submissionDigest({
                  campaignId: campaign.id,
                  unitCode: commune.code,
                  scheme,
                  citizenId,
                  fullName,
                  enrolledAt: enrolledAt.toISOString(),
                  channel,
                  officerCode: officer?.code ?? null,
                }),
                requestDigestVersion: SUBMISSION_DIGEST_VERSION,
                personKey: personKey(campaign.id, scheme, citizenId),
                submittedBy: 'demo-seed',
              });
              if (batch.length >= 2000) await flush();
            }
          }
        }
      }
    }
  }
  await flush();
  return total;
}

/**
 * Inserts many enrolments in one statement with one array parameter per column: Prisma's
 * `createMany` binds one parameter per value, which is several times slower on PGlite.
 */
async function insertEnrolments(tx: Prisma.TransactionClient, rows: Prisma.EnrolmentCreateManyInput[]) {
  const column = <K extends keyof Prisma.EnrolmentCreateManyInput>(key: K) =>
    rows.map((row) => row[key] ?? null);
  const iso = (key: 'enrolledAt' | 'receivedAt' | 'day') =>
    rows.map((row) => (row[key] as Date).toISOString());
  await tx.$executeRawUnsafe(
    `INSERT INTO "Enrolment" ("id", "campaignId", "unitId", "officerId", "scheme", "citizenIdSealed", "fullNameSealed",
       "channel", "enrolledAt", "day", "receivedAt", "idempotencyKey", "requestDigest", "requestDigestVersion", "personKey", "submittedBy")
     SELECT gen_random_uuid()::text, c, u, o, s::"Scheme", ci, fn, ch::"Channel", ea, d, ra, k, rd, rv, pk, sb
     FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::timestamptz[], $9::date[], $10::timestamptz[], $11::text[], $12::text[], $13::int[], $14::text[], $15::text[])
       AS t(c, u, o, s, ci, fn, ch, ea, d, ra, k, rd, rv, pk, sb)`,
    column('campaignId'),
    column('unitId'),
    column('officerId'),
    column('scheme'),
    column('citizenIdSealed'),
    column('fullNameSealed'),
    column('channel'),
    iso('enrolledAt'),
    iso('day'),
    iso('receivedAt'),
    column('idempotencyKey'),
    column('requestDigest'),
    column('requestDigestVersion'),
    column('personKey'),
    column('submittedBy'),
  );
}

/** A well-formed citizen ID for a generated person: birth province, century and sex, year, serial. */
function citizenIdFor(
  provinceCode: string,
  sex: 'MALE' | 'FEMALE',
  birthYear: number,
  serial: number,
): string {
  const century = (birthYear >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0);
  return `0${provinceCode}${century}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

function personName(random: () => number, sex: 'MALE' | 'FEMALE'): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES[sex])} ${pick(GIVEN_NAMES)}`;
}

function formatVi(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
