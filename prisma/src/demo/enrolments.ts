import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma, Scheme } from '../../generated/prisma/client.ts';
import { citizenKey, personKey, SUBMISSION_DIGEST_VERSION, submissionDigest } from '../enrolmentKeys.ts';
import { personalData } from '../personalData.ts';
import { DEMO_SCHEMES, type SeededCampaign } from './campaigns.ts';
import type { SeededOfficer } from './officers.ts';
import { citizenIdFor, personName } from './people.ts';
import type { SeededUnit } from './units.ts';

/** A commune or ward that signs people up in a campaign, and the days it does, on the tree of those days. */
export interface EnrolmentPlace {
  unit: SeededUnit;
  /** The officers who work there on those days. */
  workers: SeededOfficer[];
  /** What its pace is an even share of, per scheme: its target in the campaign. */
  targets: Map<Scheme, number>;
  /** Its first and last day (inclusive) within the campaign. */
  from: string;
  until: string;
}

/**
 * Every unit below the provinces with no unit below it, as a place of enrolment from `from` to
 * `until`: its target of the campaign (as it stands in `Target`, or from `targetOf`) and the
 * officers of the unit (and of its parent, where that is a district: the post office's agent).
 */
export async function enrolmentPlaces(
  tx: Prisma.TransactionClient,
  campaign: SeededCampaign,
  tree: SeededUnit,
  officers: SeededOfficer[],
  days: { from: string; until: string },
  targetOf?: (unit: SeededUnit, scheme: Scheme) => number,
): Promise<EnrolmentPlace[]> {
  const targets = await tx.target.findMany({
    where: { campaignId: campaign.id },
    select: { unitId: true, scheme: true, target: true },
  });
  const kept = new Map(targets.map((t) => [`${t.unitId}:${t.scheme}`, t.target]));
  const officersByUnit = new Map<number, SeededOfficer[]>();
  for (const officer of officers) {
    if (!officer.idle)
      officersByUnit.set(officer.unitId, [...(officersByUnit.get(officer.unitId) ?? []), officer]);
  }
  const places: EnrolmentPlace[] = [];
  const visit = (unit: SeededUnit, parent: SeededUnit | null) => {
    if (unit.children.length > 0) {
      for (const child of unit.children) visit(child, unit);
      return;
    }
    places.push({
      unit,
      workers: [
        ...(officersByUnit.get(unit.id) ?? []),
        ...(parent && parent.ancestorIds.length >= 2 ? (officersByUnit.get(parent.id) ?? []) : []),
      ],
      targets: new Map(
        DEMO_SCHEMES.map((scheme) => [
          scheme,
          targetOf ? targetOf(unit, scheme) : (kept.get(`${unit.id}:${scheme}`) ?? 0),
        ]),
      ),
      ...days,
    });
  };
  for (const province of tree.children) visit(province, null);
  return places;
}

/**
 * Enrolments of each place on its days up to now: each works at its own pace (75–120% of an
 * even share of its target), and today's count is in proportion to the hours of the Viet Nam
 * working day already gone.
 */
export async function createEnrolments(
  tx: Prisma.TransactionClient,
  campaign: SeededCampaign,
  places: EnrolmentPlace[],
  now: Date,
  random: () => number,
): Promise<number> {
  const today = vnDay.of(now);
  const campaignDays = 1 + vnDay.between(campaign.startsOn, campaign.endsOn);

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

  for (const place of places) {
    const lastDay = [campaign.endsOn, today, place.until].reduce((a, b) => (a < b ? a : b));
    const firstDay = campaign.startsOn > place.from ? campaign.startsOn : place.from;
    if (lastDay < firstDay) continue;
    const days = vnDay.range(firstDay, lastDay);
    const commune = place.unit;
    const workers = place.workers;
    const pace = 0.75 + random() * 0.45;
    for (const scheme of DEMO_SCHEMES) {
      const perDay = ((place.targets.get(scheme) ?? 0) / campaignDays) * pace;
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
            scheme === 'VOLUNTARY_SI' ? 1966 + Math.floor(random() * 40) : 1940 + Math.floor(random() * 85);
          const citizenId = citizenIdFor(commune.provinceCode, sex, birthYear, serial);
          const fullName = personName(random, sex);
          const key = `demo-${campaign.id}-${serial}`;
          const officer = workers.length ? workers[Math.floor(random() * workers.length)] : undefined;
          const channel = random() < 0.25 ? 'POST_OFFICE' : random() < 0.5 ? 'GROUP_MEETING' : 'FIELD_VISIT';
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
            // Keyed per campaign, as before cover periods: serials restart in each campaign,
            // so one ID may come up in two of them, both counted, as in data from before.
            personKey: personKey(campaign.id, scheme, citizenId),
            citizenKey: citizenKey(scheme, citizenId),
            coverageFrom: vnDay.toDateColumn(day),
            coverageUntil: vnDay.toDateColumn(day),
            submittedBy: 'demo-seed',
          });
          if (batch.length >= 2000) await flush();
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
       "channel", "enrolledAt", "day", "receivedAt", "idempotencyKey", "requestDigest", "requestDigestVersion", "personKey", "submittedBy",
       "citizenKey", "coverageFrom", "coverageUntil")
     SELECT gen_random_uuid()::text, c, u, o, s::"Scheme", ci, fn, ch::"Channel", ea, d, ra, k, rd, rv, pk, sb,
            ck, d, (d + INTERVAL '12 months' - INTERVAL '1 day')::date
     FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::timestamptz[], $9::date[], $10::timestamptz[], $11::text[], $12::text[], $13::int[], $14::text[], $15::text[],
       $16::text[])
       AS t(c, u, o, s, ci, fn, ch, ea, d, ra, k, rd, rv, pk, sb, ck)`,
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
    column('citizenKey'),
  );
}
