import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { rebuildCounters, rebuildCoverEnds } from './counters.ts';
import { createCampaigns, createReformDrive, DEMO_SCHEMES } from './demo/campaigns.ts';
import { createEnrolments, enrolmentPlaces } from './demo/enrolments.ts';
import { createHouseholds, type SeededHouseholds } from './demo/households.ts';
import { createOfficerQuotas, createOfficers } from './demo/officers.ts';
import { createBriefing } from './demo/participation.ts';
import { seededRandom } from './demo/random.ts';
import {
  applyDemoReform,
  createReformUnits,
  officersAfterReform,
  officersNow,
  REFORM_DAY,
} from './demo/reform.ts';
import { createUnits } from './demo/units.ts';

export interface SeedSummary {
  units: number;
  officers: number;
  enrolments: number;
  /** BHXH's list of 3-month household cards (ImportedCover) and the renewals among the enrolments. */
  households: SeededHouseholds;
  campaigns: { id: string; name: string; startsOn: string; endsOn: string }[];
}

/**
 * Loads the demo dataset unless it is there already; returns null when nothing was added.
 *
 * The demo dataset (API.md, "Running it"), built from DOMAIN.md's facts. The rules that turn
 * the facts into numbers are written down in docs/domain.md ("The demo dataset") and beside
 * the code that applies them in `demo/`: the units and their population (`units.ts`,
 * `population.ts`, from `provinces.ts`), the campaigns with their targets (`campaigns.ts`),
 * the officers and their quotas (`officers.ts`), the enrolments so far (`enrolments.ts`), the
 * briefing report's imported figures and plans (`participation.ts`, from `briefing.ts`).
 * A province's target is split over its districts, and a district's over its communes, in
 * proportion to (generated) population, by largest remainder so the parts add up exactly.
 *
 * One seeded generator is drawn from in a fixed order (units, officers, then each campaign's
 * enrolments), and the briefing's figures from a second one, so the dataset is the same on
 * every machine for the same day of loading.
 */
export async function seedDemo(db: PrismaClient, now: Date = new Date()): Promise<SeedSummary | null> {
  if (await db.unit.findUnique({ where: { code: 'VN' }, select: { id: true } })) return null;
  return db.$transaction((tx) => load(tx, now), { timeout: 600_000, maxWait: 60_000 });
}

async function load(tx: Prisma.TransactionClient, now: Date): Promise<SeedSummary> {
  const random = seededRandom(20_260_501);
  const today = vnDay.of(now);
  const year = Number(today.slice(0, 4));
  const units = await createUnits(tx, year, random);
  const drawn = await createOfficers(tx, units.root, random);
  const reform = await createReformUnits(tx, units.root);

  // The drive of the reform's weeks: generated on the tree of each day and counted before the
  // reform is written, which then carries and moves its counters as a reorganisation does.
  const reformDrive = await createReformDrive(tx, units.root);
  await createOfficerQuotas(tx, reformDrive, drawn);
  const lastDayBefore = vnDay.addDays(REFORM_DAY, -1);
  const targets = await tx.target.findMany({ where: { campaignId: reformDrive.id } });
  const targetOf = new Map(targets.map((t) => [`${t.unitId}:${t.scheme}`, t.target]));
  const joined = new Map<string, number>();
  for (const [communeId, successor] of reform.successorOf)
    for (const scheme of DEMO_SCHEMES) {
      const key = `${successor.id}:${scheme}`;
      joined.set(key, (joined.get(key) ?? 0) + (targetOf.get(`${communeId}:${scheme}`) ?? 0));
    }
  const places = [
    ...(await enrolmentPlaces(tx, reformDrive, units.root, drawn, {
      from: reformDrive.startsOn,
      until: lastDayBefore,
    })),
    ...(await enrolmentPlaces(
      tx,
      reformDrive,
      reform.root,
      officersAfterReform(drawn, reform),
      { from: REFORM_DAY, until: reformDrive.endsOn },
      (unit, scheme) => joined.get(`${unit.id}:${scheme}`) ?? 0,
    )),
  ];
  let enrolments = await createEnrolments(tx, reformDrive, places, now, seededRandom(20_250_701));
  await rebuildCounters(tx, reformDrive.id);
  await applyDemoReform(tx, units.root, reform, year);

  // Today's campaigns on today's tree.
  const officers = await officersNow(tx, drawn);
  const campaigns = await createCampaigns(tx, reform.root, today);
  for (const campaign of campaigns) {
    await createOfficerQuotas(tx, campaign, officers);
    if (campaign.generateEnrolments) {
      const days = { from: campaign.startsOn, until: campaign.endsOn };
      const places = await enrolmentPlaces(tx, campaign, reform.root, officers, days);
      enrolments += await createEnrolments(tx, campaign, places, now, random);
    }
    await rebuildCounters(tx, campaign.id);
  }
  // Every cover's end, on the chain of its end day (the reform written above included).
  await rebuildCoverEnds(tx);
  // BHXH's list of 3-month household cards, and their renewals, through the counters' writers.
  const [, drive, standing] = campaigns;
  if (!drive || !standing) throw new Error('the demo has no drive or no standing campaign');
  const households = await createHouseholds(
    tx,
    reform.root,
    officers,
    { drive, standing },
    now,
    seededRandom(20_260_901),
  );
  enrolments += households.renewals;
  await createBriefing(tx, { ...units, current: reform.root }, today, seededRandom(20_211_130));

  return {
    units: units.count + reform.count,
    officers: drawn.length,
    enrolments,
    households,
    campaigns: [reformDrive, ...campaigns].map(({ id, name, startsOn, endsOn }) => ({
      id,
      name,
      startsOn,
      endsOn,
    })),
  };
}
