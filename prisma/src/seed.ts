import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { rebuildCounters, rebuildCoverEnds } from './counters.ts';
import { createCampaigns } from './demo/campaigns.ts';
import { createEnrolments } from './demo/enrolments.ts';
import { createOfficerQuotas, createOfficers } from './demo/officers.ts';
import { createBriefing } from './demo/participation.ts';
import { seededRandom } from './demo/random.ts';
import { createUnits } from './demo/units.ts';

export interface SeedSummary {
  units: number;
  officers: number;
  enrolments: number;
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
  const units = await createUnits(tx, Number(today.slice(0, 4)), random);
  const officers = await createOfficers(tx, units.root, random);
  const campaigns = await createCampaigns(tx, units.root, today);

  let enrolments = 0;
  for (const campaign of campaigns) {
    await createOfficerQuotas(tx, campaign, officers);
    if (campaign.generateEnrolments)
      enrolments += await createEnrolments(tx, campaign, officers, now, random);
    await rebuildCounters(tx, campaign.id);
  }
  await rebuildCoverEnds(tx);
  await createBriefing(tx, units, today, seededRandom(20_211_130));

  return {
    units: units.count,
    officers: officers.length,
    enrolments,
    campaigns: campaigns.map(({ id, name, startsOn, endsOn }) => ({ id, name, startsOn, endsOn })),
  };
}
