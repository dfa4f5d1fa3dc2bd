import type { Prisma } from '../../generated/prisma/client.ts';
import { createPopulation } from './population.ts';
import { COMMUNES_PER_DISTRICT, demoProvinces } from './provinces.ts';
import { splitByWeights } from './split.ts';

/** A unit as the rest of the seed needs it: its place in the tree and its share of the targets. */
export interface SeededUnit {
  id: number;
  code: string;
  name: string;
  ancestorIds: number[];
  weight: number;
  provinceCode: string;
  children: SeededUnit[];
}

/** A province's social-security office as a unit (BHXH tỉnh, API.md "Participation"), by province code. */
export type SeededOffices = Map<string, { id: number; code: string; name: string }>;

/**
 * The nation, DOMAIN.md's provinces and their district-level units as they stood in 2021, and
 * generated communes under each, every one with its share of the people (a province's split over
 * its districts, a district's over its communes, by generated weights: the populations of the
 * year are written on the tree of the year, reform.ts); then each province's own office (BHXH
 * tỉnh), a unit beside its districts that the briefing report lists, with no territory, so no
 * population, and no campaign targets (it is not among the seeded children campaigns hand
 * targets down to).
 */
export async function createUnits(
  tx: Prisma.TransactionClient,
  year: number,
  random: () => number,
): Promise<{ root: SeededUnit; count: number; offices: SeededOffices }> {
  const nation = await tx.unit.create({
    data: { code: 'VN', name: 'Việt Nam', kind: 'NATION', ancestorIds: [], depth: 0 },
  });
  const root: SeededUnit = {
    id: nation.id,
    code: 'VN',
    name: 'Việt Nam',
    ancestorIds: [],
    weight: 1,
    provinceCode: '',
    children: [],
  };
  let count = 1;

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
    count++;

    for (const [index, district] of province.districts.entries()) {
      const population = districtPopulations[index] ?? 0;
      const seededDistrict = await createUnit(tx, seededProvince, {
        code: district.code,
        name: district.name,
        kind: district.kind,
        weight: population,
      });
      count++;
      const communeWeights = Array.from({ length: COMMUNES_PER_DISTRICT }, () => 0.5 + random());
      const communePopulations = splitByWeights(population, communeWeights);
      const urban = district.kind !== 'DISTRICT';
      for (let n = 1; n <= COMMUNES_PER_DISTRICT; n++) {
        const seat = n === 1 && district.township;
        const communePopulation = communePopulations[n - 1] ?? 0;
        await createUnit(tx, seededDistrict, {
          code: `${district.code}-${String(n).padStart(2, '0')}`,
          name: seat ? seat : `${urban ? 'Phường' : 'Xã'} mẫu ${n}`,
          kind: seat ? 'TOWNSHIP' : urban ? 'WARD' : 'COMMUNE',
          weight: communePopulation,
          generated: true,
        });
        count++;
      }
    }
  }
  const offices: SeededOffices = new Map();
  for (const province of root.children) {
    const city = demoProvinces.find((demo) => demo.code === province.code)?.kind === 'CENTRAL_CITY';
    const name = `BHXH ${city ? 'thành phố' : 'tỉnh'} ${province.name}`;
    const office = await tx.unit.create({
      data: {
        code: `BHXH-${province.code}`,
        name,
        kind: 'SOCIAL_SECURITY_OFFICE',
        parentId: province.id,
        ancestorIds: [...province.ancestorIds, province.id],
        depth: province.ancestorIds.length + 1,
        generated: true,
      },
      select: { id: true, code: true },
    });
    offices.set(province.code, { ...office, name });
    count++;
  }
  return { root, count, offices };
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
    name: unit.name,
    ancestorIds,
    weight: unit.weight,
    provinceCode: parent.provinceCode || unit.code,
    children: [],
  };
  parent.children.push(seeded);
  return seeded;
}
