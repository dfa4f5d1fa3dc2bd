import type { Prisma } from '../../generated/prisma/client.ts';
import type { DemoProvince } from './provinces.ts';

/** A unit's population for the year; its labour force in the province's proportion unless given. */
export function createPopulation(
  tx: Prisma.TransactionClient,
  unitId: number,
  year: number,
  province: DemoProvince,
  population: number,
  labourForce = Math.round((population * province.labourForce) / province.population),
) {
  return tx.unitPopulation.create({ data: { unitId, year, population, labourForce, generated: true } });
}
