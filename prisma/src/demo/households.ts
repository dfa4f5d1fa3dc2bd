import { randomUUID } from 'node:crypto';
import { coverageUntil } from '@toandan/shared/cover';
import { hamletOf } from '@toandan/shared/hamletOf';
import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma } from '../../generated/prisma/client.ts';
import { addToCoverEnds, COUNTER_SLOTS, type CoverEndChange, counterWrites } from '../counters.ts';
import { citizenKey, coverKey, SUBMISSION_DIGEST_VERSION, submissionDigest } from '../enrolmentKeys.ts';
import { personalData } from '../personalData.ts';
import type { SeededCampaign } from './campaigns.ts';
import type { SeededOfficer } from './officers.ts';
import { citizenIdFor, personName } from './people.ts';
import { demoProvinces } from './provinces.ts';
import type { SeededUnit } from './units.ts';

/**
 * One household with a 3-month card (thẻ BHYT hộ gia đình 3 tháng) per 4,000 people, about: the
 * cards Cần Thơ's communes sold to reach their plan and lost when nobody came back (seed 004).
 */
const PEOPLE_PER_HOUSEHOLD = 4_000;
/** The first cards were bought from 150 to 60 days before today, so they end from 59 days ago to 31 days ahead. */
const BOUGHT_FROM_DAYS_AGO = 150;
const BOUGHT_UNTIL_DAYS_AGO = 60;
/** The share of households that renew at all, and of those that renew before the card ends. */
const RENEWS = 0.62;
const RENEWS_BEFORE_END = 0.7;
/** The card's people take serials that no campaign of the demo reaches, nor the browser tests' people. */
const FIRST_SERIAL = 600_000;
const ROWS_PER_STATEMENT = 2_000;
const MOBILE_PREFIXES = [
  '032',
  '035',
  '038',
  '086',
  '096',
  '097',
  '098',
  '081',
  '085',
  '088',
  '091',
  '094',
  '070',
  '077',
  '089',
  '090',
  '093',
];
const NAMED_HAMLETS = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Tân Lập',
  'Đồng Tâm',
  'Quyết Thắng',
  'Yên Thịnh',
  'Phú Sơn',
];
const NAMED_HAMLETS_SOUTH = [
  'Thới Hòa',
  'Tân Phú',
  'Phú Lợi',
  'Thạnh Lộc',
  'Mỹ Khánh',
  'Nhơn Ái',
  'Trường Thọ',
  'Long Tuyền',
];

export interface SeededHouseholds {
  households: number;
  /** Covers in BHXH's list (ImportedCover), one a person. */
  covers: number;
  /** Of them renewed, by enrolments counted in the standing campaign or the drive of their day. */
  renewals: number;
}

interface Member {
  citizenId: string;
  fullName: string;
}

interface Cover {
  id: string;
  unit: SeededUnit;
  member: Member;
  address: string;
  householdCode: string;
  phone: string | null;
  from: string;
  until: string;
}

/**
 * Households of today's communes with 3-month household health-insurance cards bought in the
 * quarter that ended two months before today (Viet Nam days), from BHXH's list of cover
 * (ImportedCover, as importCoverage stores it: sealed and keyed, with address, household code
 * and phone), and what came of them by now: about six households in ten renewed, most in the
 * weeks before the card ended and some after it, in the standing campaign or in the drive that
 * ran on the renewal's day; the others lapsed (listed by renewalsDue up to 90 days) or are due,
 * some this week. Written through the counters' own writers, not recounted: the list's cover
 * ends through addToCoverEnds, the renewals with their day counters, cover ends and officers'
 * counts through counterWrites in the statement that writes them, as a submission's batch
 * (server/src/enrolments/writeBatch.ts). So the seed's recount of them is a check. Call it on
 * today's tree, once the campaigns' counters and the cover ends are written.
 */
export async function createHouseholds(
  tx: Prisma.TransactionClient,
  tree: SeededUnit,
  officers: SeededOfficer[],
  campaigns: { standing: SeededCampaign; drive: SeededCampaign },
  now: Date,
  random: () => number,
): Promise<SeededHouseholds> {
  const today = vnDay.of(now);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const officersAt = new Map<number, SeededOfficer[]>();
  for (const officer of officers)
    if (!officer.idle) officersAt.set(officer.unitId, [...(officersAt.get(officer.unitId) ?? []), officer]);

  const covers: Cover[] = [];
  const renewals: Prisma.EnrolmentCreateManyInput[] = [];
  const sealing = personalData();
  let serial = FIRST_SERIAL;
  let households = 0;
  for (const province of tree.children) {
    const demo = demoProvinces.find((p) => p.code === province.code);
    const south = province.code === '92';
    for (const commune of province.children) {
      const ward = commune.code.startsWith('P');
      const district = commune.code.slice(1);
      const count = Math.round((commune.weight / PEOPLE_PER_HOUSEHOLD) * (0.7 + random() * 0.6));
      const hamlets = Array.from({ length: between(6, 10) }, (_, n) =>
        ward
          ? `${south ? 'Khu vực' : 'Tổ dân phố'} ${n + 1}`
          : random() < 0.6
            ? `${south ? 'Ấp' : 'Thôn'} ${n + 1}`
            : `${south ? 'Ấp' : 'Thôn'} ${pick(south ? NAMED_HAMLETS_SOUTH : NAMED_HAMLETS)}`,
      );
      const place = `${ward ? 'phường' : 'xã'} ${commune.name}, ${demo?.kind === 'CENTRAL_CITY' ? 'thành phố' : 'tỉnh'} ${province.name}`;
      for (let h = 0; h < count; h++) {
        households++;
        const members = householdMembers(
          random,
          commune.provinceCode,
          () => ++serial,
          Number(today.slice(0, 4)),
        );
        const address = `${pick(hamlets)}, ${place}`;
        const householdCode = `${province.code}${district}${String(households).padStart(5, '0')}`;
        const phone =
          random() < 0.9
            ? `${pick(MOBILE_PREFIXES)}${between(0, 9)} ${String(between(0, 999)).padStart(3, '0')} ${String(between(0, 999)).padStart(3, '0')}`
            : null;
        const from = vnDay.addDays(today, -between(BOUGHT_UNTIL_DAYS_AGO, BOUGHT_FROM_DAYS_AGO));
        const until = coverageUntil(from, 3);
        // What came of it: a renewal on `day`, unless that day is still to come.
        const renews = random() < RENEWS;
        const day =
          random() < RENEWS_BEFORE_END
            ? vnDay.addDays(until, -between(0, 20))
            : vnDay.addDays(until, between(1, 20));
        const months = pick([3, 3, 3, 3, 3, 3, 3, 6, 6, 12]);
        const workers = officersAt.get(commune.id) ?? [];
        const officer = workers.length ? pick(workers) : undefined;
        const at = renews && day <= today ? momentOn(day, now, random) : null;
        for (const member of members) {
          const cover: Cover = {
            id: randomUUID(),
            unit: commune,
            member,
            address,
            householdCode,
            phone,
            from,
            until,
          };
          covers.push(cover);
          // Now and then one of the household is not renewed with the others.
          if (!at || random() < 0.08) continue;
          const campaign =
            day >= campaigns.drive.startsOn && day <= campaigns.drive.endsOn
              ? campaigns.drive
              : campaigns.standing;
          const coverageFrom = day <= until ? vnDay.addDays(until, 1) : day;
          const channel = officer?.code.startsWith('DL-')
            ? 'POST_OFFICE'
            : random() < 0.3
              ? 'GROUP_MEETING'
              : 'FIELD_VISIT';
          renewals.push({
            id: randomUUID(),
            campaignId: campaign.id,
            unitId: commune.id,
            officerId: officer?.id ?? null,
            scheme: 'HOUSEHOLD_HI',
            citizenIdSealed: sealing.seal(member.citizenId),
            fullNameSealed: sealing.seal(member.fullName),
            channel,
            enrolledAt: at.enrolledAt,
            day: vnDay.toDateColumn(day),
            receivedAt: at.receivedAt,
            idempotencyKey: `demo-renewal-${cover.id}`,
            // As the field app sends a renewal from its list: the cover by its id, the months paid.
            requestDigest: submissionDigest({
              campaignId: campaign.id,
              unitCode: commune.code,
              scheme: 'HOUSEHOLD_HI',
              citizenId: '',
              fullName: '',
              enrolledAt: at.enrolledAt.toISOString(),
              channel,
              officerCode: officer?.code ?? null,
              kind: null,
              coverageMonths: months,
              renewsCover: cover.id,
            }),
            requestDigestVersion: SUBMISSION_DIGEST_VERSION,
            personKey: coverKey('HOUSEHOLD_HI', member.citizenId, `import:${cover.id}`),
            citizenKey: citizenKey('HOUSEHOLD_HI', member.citizenId),
            kind: 'RENEWAL',
            coverageMonths: months,
            coverageFrom: vnDay.toDateColumn(coverageFrom),
            coverageUntil: vnDay.toDateColumn(coverageUntil(coverageFrom, months)),
            renewsCoverageId: cover.id,
            submittedBy: 'demo-seed',
          });
        }
      }
    }
  }

  for (let start = 0; start < covers.length; start += ROWS_PER_STATEMENT)
    await insertCovers(tx, covers.slice(start, start + ROWS_PER_STATEMENT), now);
  // Each cover of the list ends unrenewed at its last day until a renewal moves it (below).
  const ends = new Map<string, CoverEndChange>();
  for (const cover of covers) {
    const key = `${cover.unit.id}:${cover.until}`;
    const end = ends.get(key);
    if (end) end.delta++;
    else ends.set(key, { unitId: cover.unit.id, scheme: 'HOUSEHOLD_HI', endsOn: cover.until, delta: 1 });
  }
  await addToCoverEnds(tx, [...ends.values()]);
  for (let start = 0; start < renewals.length; start += ROWS_PER_STATEMENT)
    await insertRenewals(tx, renewals.slice(start, start + ROWS_PER_STATEMENT));
  return { households, covers: covers.length, renewals: renewals.length };
}

/**
 * A household's people: alone (an elderly person), a couple, or a couple with children of six
 * or more (younger ones are covered free) or with a parent; the children take the father's name.
 */
function householdMembers(
  random: () => number,
  provinceCode: string,
  nextSerial: () => number,
  year: number,
): Member[] {
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const member = (sex: 'MALE' | 'FEMALE', birthYear: number, family?: string): Member => ({
    citizenId: citizenIdFor(provinceCode, sex, birthYear, nextSerial()),
    fullName: personName(random, sex, family),
  });
  const size = [1, 2, 2, 3, 3, 3, 4, 4, 5][Math.floor(random() * 9)] ?? 3;
  if (size === 1) return [member(random() < 0.6 ? 'FEMALE' : 'MALE', between(1946, 1965))];
  const headBorn = between(1962, 1992);
  const husband = member('MALE', headBorn);
  const wife = member('FEMALE', Math.min(headBorn + between(0, 5), 1995));
  const family = husband.fullName.split(' ')[0];
  const people = [husband, wife];
  for (let n = 2; n < size; n++) {
    if (n === 4 && random() < 0.5)
      people.push(member(random() < 0.6 ? 'FEMALE' : 'MALE', between(1946, Math.max(1946, headBorn - 20))));
    else
      people.push(
        member(
          random() < 0.5 ? 'MALE' : 'FEMALE',
          Math.min(between(headBorn + 20, headBorn + 32), year - 6),
          family,
        ),
      );
  }
  return people;
}

/**
 * When in the working day (7:00 to 20:00 in Viet Nam) a renewal on `day` was made and when the
 * server had it, none after `now`; null on a today whose working day has not begun.
 */
function momentOn(
  day: string,
  now: Date,
  random: () => number,
): { enrolledAt: Date; receivedAt: Date } | null {
  const opens = vnDay.startOf(day).getTime() + 7 * 3_600_000;
  const closes = Math.min(opens + 13 * 3_600_000, now.getTime());
  if (closes <= opens) return null;
  const enrolledAt = new Date(opens + random() * (closes - opens));
  return {
    enrolledAt,
    receivedAt: new Date(Math.min(enrolledAt.getTime() + random() * 600_000, now.getTime())),
  };
}

/**
 * Covers of BHXH's list as importCoverage stores them (server/src/coverage/importCoverage.ts):
 * sealed and keyed, imported on the first of the month after the card was bought.
 */
async function insertCovers(tx: Prisma.TransactionClient, covers: Cover[], now: Date): Promise<void> {
  const sealing = personalData();
  const seal = (value: string | null) => (value === null ? null : sealing.seal(value));
  await tx.$executeRawUnsafe(
    `INSERT INTO "ImportedCover" (id, "unitId", scheme, "citizenKey", "citizenIdSealed", "fullNameSealed",
       "addressSealed", "householdCodeSealed", "phoneSealed", hamlet, "coverageFrom", "coverageUntil", "importedAt", "importedBy")
     SELECT id, "unitId", 'HOUSEHOLD_HI'::"Scheme", "citizenKey", "citizenIdSealed", "fullNameSealed", "addressSealed",
            "householdCodeSealed", "phoneSealed", hamlet, "coverageFrom", "coverageUntil", "importedAt", 'demo-seed'
     FROM jsonb_to_recordset($1::jsonb) AS t(id text, "unitId" int, "citizenKey" text, "citizenIdSealed" text,
       "fullNameSealed" text, "addressSealed" text, "householdCodeSealed" text, "phoneSealed" text,
       hamlet text, "coverageFrom" date, "coverageUntil" date, "importedAt" timestamptz)`,
    JSON.stringify(
      covers.map((cover) => {
        const [y, m] = cover.from.split('-').map(Number) as [number, number];
        const imported = vnDay.startOf(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`);
        return {
          id: cover.id,
          unitId: cover.unit.id,
          citizenKey: citizenKey('HOUSEHOLD_HI', cover.member.citizenId),
          citizenIdSealed: sealing.seal(cover.member.citizenId),
          fullNameSealed: sealing.seal(cover.member.fullName),
          addressSealed: seal(cover.address),
          householdCodeSealed: seal(cover.householdCode),
          phoneSealed: seal(cover.phone),
          // The place alone, in clear, as importCoverage keeps it to group the work list by.
          hamlet: hamletOf(cover.address),
          coverageFrom: cover.from,
          coverageUntil: cover.until,
          importedAt: new Date(Math.min(imported.getTime(), now.getTime())).toISOString(),
        };
      }),
    ),
  );
}

/**
 * Renewals of covers of the list, written as a submission's batch writes them
 * (writeBatch.ts): the enrolments and, in the same statement through counterWrites, `renewed`
 * on the day counters of the unit's chain on the renewal's day, the cover's end moved from the
 * list's cover to the renewal's, and the officer's count. Today's communes have had their place
 * since the reform, before any of these days, so nothing is carried across a change of place.
 */
async function insertRenewals(
  tx: Prisma.TransactionClient,
  rows: Prisma.EnrolmentCreateManyInput[],
): Promise<void> {
  const day = (value: Date | string) => (value as Date).toISOString().slice(0, 10);
  await tx.$executeRawUnsafe(
    `WITH input AS (
       SELECT * FROM json_to_recordset($1::json) AS t(id text, "campaignId" text, "unitId" int, "officerId" int,
         "citizenIdSealed" text, "fullNameSealed" text, channel "Channel", "enrolledAt" timestamptz, day date,
         "receivedAt" timestamptz, "idempotencyKey" text, "requestDigest" text, "personKey" text, "citizenKey" text,
         "coverageMonths" smallint, "coverageFrom" date, "coverageUntil" date, "renewsCoverageId" text)
     ), inserted AS (
       INSERT INTO "Enrolment" (id, "campaignId", "unitId", "officerId", scheme, "citizenIdSealed", "fullNameSealed",
         channel, "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "requestDigestVersion",
         "personKey", "submittedBy", "citizenKey", kind, "coverageMonths", "coverageFrom", "coverageUntil",
         "renewsCoverageId")
       SELECT id, "campaignId", "unitId", "officerId", 'HOUSEHOLD_HI'::"Scheme", "citizenIdSealed", "fullNameSealed", channel,
              "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", ${SUBMISSION_DIGEST_VERSION},
              "personKey", 'demo-seed', "citizenKey", 'RENEWAL'::"EnrolmentKind", "coverageMonths", "coverageFrom", "coverageUntil",
              "renewsCoverageId"
       FROM input
       RETURNING id, "campaignId", "unitId", "officerId", scheme, day, "coverageUntil", "renewsCoverageId"
     ), ${counterWrites({
       daily: `SELECT i."campaignId", a.unit_id AS "unitId", i.scheme, i.day,
                      CASE WHEN a.position <= 2 THEN floor(random() * ${COUNTER_SLOTS})::int ELSE 0 END AS slot,
                      0 AS "count", 1 AS "renewed"
               FROM inserted i
               JOIN "Unit" u ON u.id = i."unitId"
               CROSS JOIN LATERAL unnest(COALESCE(
                 (SELECT p."ancestorIds" FROM "UnitPlacement" p
                  WHERE p."unitId" = u.id AND (p."fromDay" IS NULL OR p."fromDay" <= i.day) AND p."untilDay" > i.day
                  LIMIT 1),
                 u."ancestorIds") || u.id) WITH ORDINALITY AS a(unit_id, position)`,
       coverEnds: `SELECT "unitId", scheme, "coverageUntil" AS "endsOn", 1 AS "count", false AS alone FROM inserted
                   UNION ALL
                   SELECT c."unitId", c.scheme, c."coverageUntil", -1, false
                   FROM inserted i JOIN "ImportedCover" c ON c.id = i."renewsCoverageId"`,
       officers: `SELECT "campaignId", "officerId", scheme, 0 AS "count", 1 AS "renewed" FROM inserted`,
     })}
     SELECT 1`,
    JSON.stringify(
      rows.map((row) => ({
        id: row.id,
        campaignId: row.campaignId,
        unitId: row.unitId,
        officerId: row.officerId,
        citizenIdSealed: row.citizenIdSealed,
        fullNameSealed: row.fullNameSealed,
        channel: row.channel,
        enrolledAt: (row.enrolledAt as Date).toISOString(),
        day: day(row.day),
        receivedAt: (row.receivedAt as Date).toISOString(),
        idempotencyKey: row.idempotencyKey,
        requestDigest: row.requestDigest,
        personKey: row.personKey,
        citizenKey: row.citizenKey,
        coverageMonths: row.coverageMonths,
        coverageFrom: day(row.coverageFrom),
        coverageUntil: day(row.coverageUntil as Date),
        renewsCoverageId: row.renewsCoverageId,
      })),
    ),
  );
}
