import type { PrismaClient } from '@toandan/db/client';

export const PROVINCES = 34;
export const COMMUNES = 3321;
export const CAMPAIGN = 'bench-may';

/**
 * The country since July 2025: the nation, 34 provinces and 3,321 communes under them (the first
 * 23 provinces get 98 communes, the other 11 get 97), and a May campaign over it with targets
 * for every unit and both focus schemes.
 */
export async function buildNationalTree(
  db: PrismaClient,
  days: { startsOn: string; endsOn: string } = { startsOn: '2026-05-01', endsOn: '2026-05-31' },
): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "ancestorIds", depth) VALUES ('VN', 'Việt Nam', 'NATION', '{}', 0)`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT 'P' || lpad(p::text, 2, '0'), 'Tỉnh ' || lpad(p::text, 2, '0'), 'PROVINCE', v.id, ARRAY[v.id], 1, true
     FROM generate_series(1, ${PROVINCES}) p, (SELECT id FROM "Unit" WHERE code = 'VN') v`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT p.code || '-' || lpad(c::text, 3, '0'), 'Xã ' || p.code || '-' || lpad(c::text, 3, '0'), 'COMMUNE', p.id,
            p."ancestorIds" || p.id, 2, true
     FROM "Unit" p, generate_series(1, 98) c
     WHERE p.depth = 1 AND c <= CASE WHEN substr(p.code, 2)::int <= 23 THEN 98 ELSE 97 END`,
  );
  const root = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
  await db.campaign.create({
    data: {
      id: CAMPAIGN,
      name: 'Tháng vận động (bench)',
      kind: 'CAMPAIGN_MONTH',
      startsOn: new Date(`${days.startsOn}T00:00:00Z`),
      endsOn: new Date(`${days.endsOn}T00:00:00Z`),
      schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
      unitId: root.id,
    },
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "Target" ("campaignId", "unitId", scheme, target)
     SELECT $1, u.id, s::"Scheme", CASE u.depth WHEN 2 THEN 400 WHEN 1 THEN 39000 ELSE 1330000 END
     FROM "Unit" u, unnest(ARRAY['VOLUNTARY_SI', 'HOUSEHOLD_HI']) s`,
    CAMPAIGN,
  );
  const [{ units } = { units: 0 }] = await db.$queryRawUnsafe<{ units: number }[]>(
    'SELECT count(*)::int AS units FROM "Unit"',
  );
  if (units !== 1 + PROVINCES + COMMUNES)
    throw new Error(`built ${units} units, not ${1 + PROVINCES + COMMUNES}`);
}

/** Commune codes as buildNationalTree makes them, province by province. */
export function communeCodes(): string[] {
  const codes: string[] = [];
  for (let p = 1; p <= PROVINCES; p++) {
    const province = `P${String(p).padStart(2, '0')}`;
    for (let c = 1; c <= (p <= 23 ? 98 : 97); c++) codes.push(`${province}-${String(c).padStart(3, '0')}`);
  }
  return codes;
}

/**
 * `count` enrolments of the May campaign in its 31 days, spread evenly over the communes, half
 * voluntary SI and half household HI, in batches of 100,000 rows written by the database itself.
 */
export async function insertMayEnrolments(db: PrismaClient, count: number): Promise<void> {
  const BATCH = 100_000;
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(start + BATCH, count) - 1;
    await db.$executeRawUnsafe(
      `INSERT INTO "Enrolment" (id, "campaignId", "unitId", scheme, "citizenIdSealed", "fullNameSealed", channel, "enrolledAt", day,
         "receivedAt", "idempotencyKey", "requestDigest", "personKey", "citizenKey", "coverageFrom", "coverageUntil")
       SELECT gen_random_uuid()::text, $1, c.ids[1 + (g % c.n)],
              (CASE WHEN g % 2 = 0 THEN 'VOLUNTARY_SI' ELSE 'HOUSEHOLD_HI' END)::"Scheme",
              -- Stand-ins shaped like sealed values ('v1.' …), so that sealing on start leaves them be.
              'v1.bench.' || g, 'v1.bench.' || g, 'FIELD_VISIT',
              d + time '02:00' + (g % 600) * interval '1 minute', d, d + time '02:00' + (g % 600) * interval '1 minute',
              'bench-' || g, 'bench', $1 || ':' || g, 'bench:' || g, d, (d + interval '12 months' - interval '1 day')::date
       FROM generate_series($2::int, $3::int) g
       CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM "Unit" WHERE depth = 2) c
       CROSS JOIN LATERAL (SELECT date '2026-05-01' + ((g / 7) % 31) AS d) day`,
      CAMPAIGN,
      start,
      end,
    );
  }
}

/**
 * The board benchmarks' country: the tree, `enrolments` of May's campaign and the counters
 * (the days' and the covers' ends) rebuilt from them (the counters module is imported here, after DATABASE_URL is set).
 */
export async function buildMayCountry(db: PrismaClient, enrolments: number): Promise<void> {
  const { rebuildCounters, rebuildCoverEnds } = await import('@toandan/db/counters');
  await buildNationalTree(db);
  await insertMayEnrolments(db, enrolments);
  await rebuildCounters(db, CAMPAIGN);
  // The covers' ends too, so that the boards read due and lapsed as they would in production.
  await rebuildCoverEnds(db);
}
