import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma } from '../../generated/prisma/client.ts';
import { readTree, writeReorganisation } from '../reorganisation.ts';
import type { SeededOfficer } from './officers.ts';
import { createPopulation } from './population.ts';
import { demoProvinces } from './provinces.ts';
import type { SeededUnit } from './units.ts';

/** The day the 2025 reform took effect: 34 provinces, no district level (DOMAIN.md). */
export const REFORM_DAY = '2025-07-01';

const URBAN = new Set(['PROVINCIAL_CITY', 'TOWN', 'URBAN_DISTRICT']);

/** The demo's new communes, made before the reform takes effect as addUnit makes successors. */
export interface DemoReform {
  /** The tree from REFORM_DAY: the nation, its provinces and their communes and wards. */
  root: SeededUnit;
  /** Each commune of 2021 (by id) and the unit that stands for it from REFORM_DAY. */
  successorOf: Map<number, SeededUnit>;
  /** Each dissolved district (by id) and the new commune that took its seat. */
  seatOf: Map<number, SeededUnit>;
  count: number;
}

/**
 * The reform of 1 July 2025 in the demo's shape, in place of the real lists: every district
 * of 2021 is dissolved and its three communes merge into one (the reform's ratio: some 10,000
 * into 3,321) under the province, named after the seat (a township became a commune: *thị
 * trấn* Hồi Xuân, *xã* Hồi Xuân), else after the district (*phường* Sầm Sơn, *xã* Vĩnh Thạnh).
 * The provinces stay: the demo has none of those that Hải Dương and Cần Thơ were merged with,
 * so the province merges of the reform are left out. The new units are placed from
 * REFORM_DAY, so a board or report of a day before does not list them.
 */
export async function createReformUnits(tx: Prisma.TransactionClient, old: SeededUnit): Promise<DemoReform> {
  const E = vnDay.toDateColumn(REFORM_DAY);
  const root: SeededUnit = { ...old, children: [] };
  const successorOf = new Map<number, SeededUnit>();
  const seatOf = new Map<number, SeededUnit>();
  let count = 0;
  for (const province of old.children) {
    const after: SeededUnit = { ...province, children: [] };
    root.children.push(after);
    const demo = demoProvinces.find((p) => p.code === province.code);
    for (const district of province.children) {
      const known = demo?.districts.find((d) => d.code === district.code);
      const urban = URBAN.has(known?.kind ?? 'DISTRICT');
      const code = `${urban ? 'P' : 'X'}${district.code}`;
      // The name without its kind, as the others are (the board writes "X. Hồi Xuân").
      const name = known?.township ?? district.name;
      const ancestorIds = [...province.ancestorIds, province.id];
      const created = await tx.unit.create({
        data: {
          code,
          name,
          kind: urban ? 'WARD' : 'COMMUNE',
          parentId: province.id,
          ancestorIds,
          depth: ancestorIds.length,
          placedOn: E,
          generated: true,
        },
        select: { id: true },
      });
      count++;
      const merged: SeededUnit = {
        id: created.id,
        code,
        name,
        ancestorIds,
        weight: district.children.reduce((sum, commune) => sum + commune.weight, 0),
        provinceCode: province.provinceCode,
        children: [],
      };
      after.children.push(merged);
      for (const commune of district.children) successorOf.set(commune.id, merged);
      seatOf.set(district.id, merged);
    }
  }
  return { root, successorOf, seatOf, count };
}

/**
 * Writes the reform through the reorganisation's own writer (writeReorganisation, which
 * applyReorganisation calls once it has checked the rows and taken the tree's lock: the seed is
 * alone on its database), so the demo's history is what a reorganisation leaves: the places of
 * 2021 kept, counters carried into the successors, the targets of the campaigns still running
 * re-based, the officers of merged communes under their successors. Then what the reorganisation
 * leaves to people: each district's post-office agent at the commune that took its seat, and the
 * populations of the year on the tree of the year.
 */
export async function applyDemoReform(
  tx: Prisma.TransactionClient,
  old: SeededUnit,
  reform: DemoReform,
  year: number,
): Promise<void> {
  const merges = new Map<number, number>();
  const dissolved = new Set<number>();
  for (const province of old.children) {
    for (const district of province.children) {
      dissolved.add(district.id);
      for (const commune of district.children) {
        const successor = reform.successorOf.get(commune.id);
        if (successor) merges.set(commune.id, successor.id);
      }
    }
  }
  await writeReorganisation(tx, await readTree(tx), { moves: new Map(), merges, dissolved }, REFORM_DAY);

  await tx.$executeRawUnsafe(
    `UPDATE "Officer" o SET "unitId" = t.seat FROM unnest($1::int[], $2::int[]) AS t(district, seat)
     WHERE o."unitId" = t.district`,
    [...reform.seatOf.keys()],
    [...reform.seatOf.values()].map((unit) => unit.id),
  );
  for (const province of reform.root.children) {
    const demo = demoProvinces.find((p) => p.code === province.code);
    if (!demo) continue;
    for (const unit of province.children) await createPopulation(tx, unit.id, year, demo, unit.weight);
  }
}

/** Where each officer works from REFORM_DAY: what the reform will write, for the days after it. */
export function officersAfterReform(officers: SeededOfficer[], reform: DemoReform): SeededOfficer[] {
  return officers.map((officer) => ({
    ...officer,
    unitId:
      (reform.successorOf.get(officer.unitId) ?? reform.seatOf.get(officer.unitId))?.id ?? officer.unitId,
  }));
}

/** The officers where they are now (the reform moved some), idle as they were drawn. */
export async function officersNow(
  tx: Prisma.TransactionClient,
  officers: SeededOfficer[],
): Promise<SeededOfficer[]> {
  const rows = await tx.officer.findMany({ select: { id: true, unitId: true } });
  const unitOf = new Map(rows.map((row) => [row.id, row.unitId]));
  return officers.map((officer) => ({ ...officer, unitId: unitOf.get(officer.id) ?? officer.unitId }));
}
