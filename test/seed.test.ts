import {
  readCarried,
  readCounters,
  readCoverEnds,
  rebuildCounters,
  rebuildCoverEnds,
} from '@toandan/db/counters';
import { database, db } from '@toandan/db/db';
import { prepareDatabaseOrThrow } from '@toandan/db/prepare';
import { seedDemo } from '@toandan/db/seed';
import { loadBoard } from '@toandan/server/boards/loadBoard';
import { planCover } from '@toandan/server/enrolments/covers';
import { renewalsDue } from '@toandan/server/enrolments/renewalsDue';
import { childrenOn } from '@toandan/server/units/placements';
import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { coverageUntil } from '@toandan/shared/cover';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The whole demo dataset, loaded once into this file's fresh database.
const now = new Date('2026-11-22T03:00:00Z'); // 10:00 in Viet Nam
let summary: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  await prepareDatabaseOrThrow({ seed: 'never' });
  summary = await seedDemo(db, now);
}, 180_000);
afterAll(() => database.close());

const unitByCode = (code: string) => db.unit.findUniqueOrThrow({ where: { code } });

describe('the demo dataset', () => {
  it('has the provinces and district-level units that DOMAIN.md names, as they stood before 1 July 2025', async () => {
    expect(summary).not.toBeNull();
    const thanhHoa = await unitByCode('38');
    expect(thanhHoa.name).toBe('Thanh Hóa');
    // The 27 district-level units of 2021, and the provincial office (BHXH tỉnh) beside them.
    const before = await childrenOn(thanhHoa.id, '2025-06-30');
    const districts = before.filter((unit) => unit.kind !== 'SOCIAL_SECURITY_OFFICE');
    expect(districts).toHaveLength(27);
    expect(before.map((unit) => unit.name)).toContain('BHXH tỉnh Thanh Hóa');
    const names = districts.map((unit) => unit.name);
    for (const named of [
      'Thọ Xuân',
      'Quảng Xương',
      'Lang Chánh',
      'Quan Hóa',
      'Sầm Sơn',
      'Mường Lát',
      'Nông Cống',
    ]) {
      expect(names).toContain(named);
    }
    for (const district of districts)
      expect(vnDay.fromDateColumn(district.dissolvedOn as Date)).toBe('2025-07-01');
    expect((await unitByCode('30')).name).toBe('Hải Dương');
    expect((await unitByCode('92')).kind).toBe('CENTRAL_CITY');
    const communes = await db.unit.findMany({
      where: { code: { contains: '-' }, kind: { not: 'SOCIAL_SECURITY_OFFICE' } },
    });
    expect(communes.length).toBeGreaterThan(100);
    expect(communes.every((unit) => unit.generated)).toBe(true);
    expect((await unitByCode('385-01')).name).toBe('Hồi Xuân');
  });

  it('has the province → commune tree from 1 July 2025: the three communes of each district merged into one', async () => {
    const thanhHoa = await unitByCode('38');
    const after = await childrenOn(thanhHoa.id, '2025-07-01');
    expect(after.filter((unit) => unit.kind !== 'SOCIAL_SECURITY_OFFICE')).toHaveLength(27);
    expect(after.map((unit) => unit.code)).toEqual(expect.arrayContaining(['X385', 'P382', 'BHXH-38']));
    expect(after.map((unit) => unit.code)).not.toContain('385');
    // The township of Quan Hóa's seat became a commune of its name, with its neighbours.
    const hoiXuan = await unitByCode('X385');
    expect([hoiXuan.name, hoiXuan.kind]).toEqual(['Hồi Xuân', 'COMMUNE']);
    expect([(await unitByCode('P382')).name, (await unitByCode('P382')).kind]).toEqual(['Sầm Sơn', 'WARD']);
    for (const code of ['385-01', '385-02', '385-03']) {
      const merged = await unitByCode(code);
      expect([merged.mergedIntoId, vnDay.fromDateColumn(merged.mergedOn as Date)]).toEqual([
        hoiXuan.id,
        '2025-07-01',
      ]);
    }
    // Officers of merged communes work for the successor; the district's post-office agent at its seat.
    expect((await db.officer.findUniqueOrThrow({ where: { code: 'CB-385-01-1' } })).unitId).toBe(hoiXuan.id);
    expect((await db.officer.findUniqueOrThrow({ where: { code: 'DL-385' } })).unitId).toBe(hoiXuan.id);
    const year = await db.unitPopulation.findMany({ where: { year: 2026 }, select: { unitId: true } });
    expect(year.map((row) => row.unitId)).toContain(hoiXuan.id);
    expect(year.map((row) => row.unitId)).not.toContain((await unitByCode('385')).id);
  });

  it('keeps each unit’s ancestors root first, and its place of before the reform', async () => {
    const [nation, province, district, successor] = await Promise.all([
      unitByCode('VN'),
      unitByCode('38'),
      unitByCode('395'),
      unitByCode('X395'),
    ]);
    const merged = await unitByCode('395-02');
    expect([merged.ancestorIds, merged.depth]).toEqual([[nation.id, province.id, successor.id], 3]);
    expect(successor.ancestorIds).toEqual([nation.id, province.id]);
    const places = await db.unitPlacement.findMany({ where: { unitId: merged.id } });
    expect(places.map((place) => [place.ancestorIds, vnDay.fromDateColumn(place.untilDay)])).toEqual([
      [[nation.id, province.id, district.id], '2025-07-01'],
    ]);
  });

  it('runs the drive of the reform’s weeks in 2025, the May campaign, a drive that is live on the day of loading, and the standing campaign of the year', async () => {
    const campaigns = await db.campaign.findMany({ orderBy: { startsOn: 'asc' } });
    expect(
      campaigns.map((c) => [c.id, vnDay.fromDateColumn(c.startsOn), vnDay.fromDateColumn(c.endsOn)]),
    ).toEqual([
      ['ra-quan-2025-06-16', '2025-06-16', '2025-07-15'],
      ['thuong-xuyen-2026', '2026-01-01', '2026-12-31'],
      ['thang-5-2026', '2026-05-01', '2026-05-31'],
      ['ra-quan-2026-11-16', '2026-11-16', '2026-12-05'],
    ]);
    expect(campaigns.map((c) => c.kind)).toEqual(['DRIVE', 'STANDING', 'CAMPAIGN_MONTH', 'DRIVE']);
    for (const campaign of campaigns) expect(campaign.schemes).toEqual(['VOLUNTARY_SI', 'HOUSEHOLD_HI']);
  });

  it('hands targets down so that the parts add up to the whole at every level', async () => {
    const thanhHoa = await unitByCode('38');
    const target = (campaignId: string, unitId: number, scheme: 'VOLUNTARY_SI' | 'HOUSEHOLD_HI') =>
      db.target.findUniqueOrThrow({ where: { campaignId_unitId_scheme: { campaignId, unitId, scheme } } });
    expect((await target('thang-5-2026', thanhHoa.id, 'VOLUNTARY_SI')).target).toBe(4035);
    expect((await target('thang-5-2026', thanhHoa.id, 'HOUSEHOLD_HI')).target).toBe(4278);
    expect((await target('ra-quan-2026-11-16', thanhHoa.id, 'HOUSEHOLD_HI')).target).toBe(40_000);
    expect((await target('ra-quan-2026-11-16', thanhHoa.id, 'VOLUNTARY_SI')).target).toBe(
      Math.round((58_772 * 20) / 365),
    );

    const mismatches = await db.$queryRawUnsafe<unknown[]>(`
      SELECT p."unitId", p.scheme, p."campaignId"
      FROM "Target" p
      JOIN "Unit" parent ON parent.id = p."unitId"
      JOIN "Unit" child ON child."parentId" = parent.id
      JOIN "Target" c ON c."unitId" = child.id AND c.scheme = p.scheme AND c."campaignId" = p."campaignId"
      GROUP BY 1, 2, 3, p.target HAVING sum(c.target) <> p.target`);
    expect(mismatches).toEqual([]);
  });

  it('gives every officer the Cần Thơ quota in every campaign', async () => {
    const officers = await db.officer.count();
    expect(officers).toBe(summary?.officers);
    const quotas = await db.officerQuota.groupBy({ by: ['scheme', 'quota'], _count: true });
    expect(quotas.map((q) => [q.scheme, q.quota, q._count]).sort()).toEqual(
      [
        ['HOUSEHOLD_HI', 2, officers * 4],
        ['VOLUNTARY_SI', 1, officers * 4],
      ].sort(),
    );
  });

  it('has enrolments that follow the domain rules', async () => {
    const { personalData } = await import('@toandan/db/personalData');
    const sealing = personalData();
    const enrolments = await db.enrolment.findMany({
      select: { citizenIdSealed: true, fullNameSealed: true, enrolledAt: true, receivedAt: true, day: true },
    });
    expect(enrolments.length).toBe(summary?.enrolments);
    expect(enrolments.length).toBeGreaterThan(10_000);
    for (const enrolment of enrolments) {
      expect(vnDay.fromDateColumn(enrolment.day)).toBe(vnDay.of(enrolment.enrolledAt));
      expect(enrolment.receivedAt.getTime()).toBeGreaterThanOrEqual(enrolment.enrolledAt.getTime());
      expect(enrolment.enrolledAt.getTime()).toBeLessThanOrEqual(now.getTime());
      // Sealed at rest; what they seal follows the rules.
      const citizenId = sealing.open(enrolment.citizenIdSealed);
      const fullName = sealing.open(enrolment.fullNameSealed);
      expect(enrolment.citizenIdSealed).not.toContain(citizenId);
      expect(checkCitizenId(citizenId, 2026).ok).toBe(true);
      expect(fullName).toBe(fullName.normalize('NFC'));
    }
    // Today (VN) already has enrolments, and none after 10:00.
    const today = enrolments.filter((e) => vnDay.fromDateColumn(e.day) === '2026-11-22');
    expect(today.length).toBeGreaterThan(0);
  });

  it('keeps counters that equal a recount, rolled up to every ancestor', async () => {
    for (const campaignId of [
      'ra-quan-2025-06-16',
      'thang-5-2026',
      'ra-quan-2026-11-16',
      'thuong-xuyen-2026',
    ]) {
      const carried = await readCarried(db, campaignId);
      const kept = await readCounters(db, campaignId);
      await rebuildCounters(db, campaignId);
      expect(await readCounters(db, campaignId)).toEqual(kept);
      expect(await readCarried(db, campaignId)).toEqual(carried);

      const nation = await unitByCode('VN');
      const total = await db.enrolment.count({ where: { campaignId, voidedAt: null } });
      // New ones in count, renewals in renewed: together every counted enrolment.
      expect(
        kept.filter((row) => row.unitId === nation.id).reduce((sum, row) => sum + row.count + row.renewed, 0),
      ).toBe(total);
    }
    // The covers' ends (due and lapsed on the boards) equal their recount too.
    const ends = await readCoverEnds(db);
    expect(ends.length).toBeGreaterThan(0);
    await rebuildCoverEnds(db);
    expect(await readCoverEnds(db)).toEqual(ends);
  });

  it('has households whose 3-month cards were renewed, lapsed or are due, on the standing campaign’s board and in the work list', async () => {
    // Bought from 150 to 60 days before 22 November, so ending from 59 days before it to 31 after.
    const covers = await db.importedCover.findMany({
      select: { id: true, coverageFrom: true, coverageUntil: true },
    });
    expect(covers.length).toBe(summary?.households.covers);
    expect(summary?.households.households).toBeGreaterThan(1000);
    for (const cover of covers) {
      const from = vnDay.fromDateColumn(cover.coverageFrom);
      expect(from >= '2026-06-25' && from <= '2026-09-23', from).toBe(true);
      expect(vnDay.fromDateColumn(cover.coverageUntil)).toBe(coverageUntil(from, 3));
    }
    // Each renewal is what a submission renewing the cover on its day makes of it.
    const coverOf = new Map(covers.map((cover) => [cover.id, cover]));
    const renewals = await db.enrolment.findMany({
      where: { kind: 'RENEWAL' },
      select: {
        day: true,
        campaignId: true,
        coverageMonths: true,
        coverageFrom: true,
        coverageUntil: true,
        renewsCoverageId: true,
      },
    });
    expect(renewals.length).toBe(summary?.households.renewals);
    for (const renewal of renewals) {
      const renewed = coverOf.get(renewal.renewsCoverageId ?? '');
      expect(renewed).toBeDefined();
      if (!renewed) continue;
      const day = vnDay.fromDateColumn(renewal.day);
      const plan = planCover({
        day,
        months: renewal.coverageMonths,
        last: {
          id: renewed.id,
          coverageFrom: vnDay.fromDateColumn(renewed.coverageFrom),
          coverageUntil: vnDay.fromDateColumn(renewed.coverageUntil),
          imported: true,
        },
        kind: null,
        renewsCover: true,
      });
      expect(plan).toMatchObject({
        kind: 'RENEWAL',
        coverageFrom: vnDay.fromDateColumn(renewal.coverageFrom),
        coverageUntil: vnDay.fromDateColumn(renewal.coverageUntil),
        renewsCoverage: renewed.id,
      });
      // In the drive on its days, else in the standing campaign.
      expect(renewal.campaignId).toBe(day >= '2026-11-16' ? 'ra-quan-2026-11-16' : 'thuong-xuyen-2026');
    }

    const household = (tallies: Awaited<ReturnType<typeof loadBoard>>['totals']) =>
      tallies.find((tally) => tally.scheme === 'HOUSEHOLD_HI');
    for (const unitCode of ['VN', '38', 'X395']) {
      const standing = household((await loadBoard('thuong-xuyen-2026', unitCode, undefined, now)).totals);
      expect(standing?.renewed, unitCode).toBeGreaterThan(0);
      expect(standing?.dueForRenewal, unitCode).toBeGreaterThan(0);
      expect(standing?.lapsed, unitCode).toBeGreaterThan(0);
      expect(standing?.netGrowth, unitCode).toBe((standing?.cumulative ?? 0) - (standing?.lapsed ?? 0));
      expect(standing?.netGrowth, unitCode).not.toBe(0);
    }
    // The drive of the day renews too, today included, and sees the cards that ended in its days lapse.
    const drive = household((await loadBoard('ra-quan-2026-11-16', 'VN', undefined, now)).totals);
    expect([drive?.renewedToday, drive?.renewed, drive?.lapsed].every((n) => (n ?? 0) > 0)).toBe(true);

    // The commune's work list for the week: the recently lapsed first, then those due this
    // week, with their hamlet, household and phone from BHXH's list.
    const { personalData } = await import('@toandan/db/personalData');
    const sealing = personalData();
    const page = await renewalsDue(
      { unitCode: 'X395', withinDays: 7, first: 500 },
      undefined,
      { auth: null },
      now,
    );
    const listed = page.edges.map(({ node }) => ({
      daysLeft: vnDay.between('2026-11-22', node.coverageUntil),
      address: node.addressSealed && sealing.open(node.addressSealed),
      household: node.householdCodeSealed && sealing.open(node.householdCodeSealed),
      phone: node.phoneSealed && sealing.open(node.phoneSealed),
      hamlet: node.hamlet,
    }));
    expect(listed.some((row) => row.daysLeft < 0)).toBe(true);
    expect(listed.some((row) => row.daysLeft >= 0 && row.daysLeft <= 7)).toBe(true);
    expect(listed.map((row) => row.daysLeft)).toEqual(
      listed.map((row) => row.daysLeft).sort((a, b) => a - b),
    );
    for (const row of listed) {
      expect(row.address).toMatch(/^Thôn [^,]+, xã Thọ Xuân, tỉnh Thanh Hóa$/);
      // The hamlet in clear, to group the list by, as importCoverage keeps it.
      expect(row.address?.startsWith(`${row.hamlet},`)).toBe(true);
      expect(row.household).toMatch(/^38395\d{5}$/);
      if (row.phone !== null) expect(row.phone).toMatch(/^0\d{3} \d{3} \d{3}$/);
    }
    // Several households of a hamlet: a list to walk, not one name a hamlet.
    expect(new Set(listed.map((row) => row.household)).size).toBeLessThan(listed.length);
  });

  it('rolls the 2025 drive’s history into the successors and re-bases its targets from 1 July', async () => {
    const campaignId = 'ra-quan-2025-06-16';
    const [district, successor, seat, neighbour, third] = await Promise.all([
      unitByCode('395'),
      unitByCode('X395'),
      unitByCode('395-01'),
      unitByCode('395-02'),
      unitByCode('395-03'),
    ]);
    const enrolled = (unitIds: number[], days: { lt?: Date; gte?: Date }) =>
      db.enrolment.count({ where: { campaignId, unitId: { in: unitIds }, day: days, voidedAt: null } });
    const E = vnDay.toDateColumn('2025-07-01');
    // Each enrolment on the tree of its day: the merged communes only before, none after.
    expect(await enrolled([seat.id, neighbour.id, third.id], { gte: E })).toBe(0);
    expect(await enrolled([seat.id, neighbour.id, third.id], { lt: E })).toBeGreaterThan(0);
    expect(await enrolled([successor.id], { lt: E })).toBe(0);
    expect(await enrolled([successor.id], { gte: E })).toBeGreaterThan(0);
    const carried = (await readCarried(db, campaignId)).filter((row) => row.unitId === successor.id);
    expect(carried.every((row) => row.fromDay === '2025-07-01')).toBe(true);
    expect(carried.reduce((sum, row) => sum + row.count + row.renewed, 0)).toBe(
      await enrolled([seat.id, neighbour.id, third.id], { lt: E }),
    );
    // Targets: the successor's is its communes', the dissolved district's is gone, and what moved is kept.
    const target = async (unitId: number) =>
      (await db.target.findMany({ where: { campaignId, unitId } })).reduce((sum, row) => sum + row.target, 0);
    const communes = (await target(seat.id)) + (await target(neighbour.id)) + (await target(third.id));
    expect(await target(successor.id)).toBe(communes);
    expect(await target(district.id)).toBe(0);
    const changes = await db.targetChange.findMany({ where: { campaignId, unitId: district.id } });
    expect(changes.map((row) => vnDay.fromDateColumn(row.fromDay))).toEqual(['2025-07-01', '2025-07-01']);
    expect(-changes.reduce((sum, row) => sum + row.delta, 0)).toBe(communes);
  });

  it('adds nothing when loaded again', async () => {
    const before = await db.enrolment.count();
    expect(await seedDemo(db, new Date('2026-11-23T03:00:00Z'))).toBeNull();
    expect(await db.enrolment.count()).toBe(before);
    expect(await db.campaign.count()).toBe(4);
  });
});
