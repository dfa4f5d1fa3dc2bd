import type { Unit } from '@toandan/db/client';
import { db } from '@toandan/db/db';

/**
 * The tree as it stood on a day (API.md, "Reorganisation"). A unit's row holds its latest place
 * (`parentId`, `ancestorIds`) from `placedOn` (null: since always) until it left the tree
 * (`mergedOn`); every earlier place is a UnitPlacement row from `fromDay` to the day before
 * `untilDay`, written when a merge (and, with the reorganisation, a move or a dissolution) ended
 * it. So any number of changes leaves one place per unit on any day, or none before it was
 * placed and after it left.
 */

/**
 * SQL of the ids (column `unit_id`) of the units under `parent` on `day`, both SQL expressions
 * (a column of an outer query, a parameter): one index lookup in each table.
 */
export function childrenOnSql(parent: string, day: string): string {
  return `SELECT u.id AS unit_id FROM "Unit" u
          WHERE u."parentId" = ${parent}
            AND (u."placedOn" IS NULL OR u."placedOn" <= ${day})
            AND (u."mergedOn" IS NULL OR u."mergedOn" > ${day})
            AND (u."dissolvedOn" IS NULL OR u."dissolvedOn" > ${day})
          UNION ALL
          SELECT p."unitId" FROM "UnitPlacement" p
          WHERE p."parentId" = ${parent}
            AND (p."fromDay" IS NULL OR p."fromDay" <= ${day}) AND p."untilDay" > ${day}`;
}

/**
 * SQL of the chain of unit `unit` on `day` (column `chain`: ancestor ids root first, then the
 * unit itself): its place of that day, or its row's for a day outside every earlier place (an
 * enrolment is never dated before its unit was placed, nor after it left, once it was accepted).
 */
export function chainOnSql(unit: string, day: string): string {
  return `SELECT COALESCE(
            (SELECT p."ancestorIds" FROM "UnitPlacement" p
             WHERE p."unitId" = ${unit} AND (p."fromDay" IS NULL OR p."fromDay" <= ${day}) AND p."untilDay" > ${day}
             LIMIT 1),
            (SELECT u."ancestorIds" FROM "Unit" u WHERE u.id = ${unit})
          ) || ${unit} AS chain`;
}

/** The units under `parentId` on `day`, as the tree stood then: one statement. */
export async function childrenOn(parentId: number, day: string): Promise<Unit[]> {
  return db.$queryRawUnsafe<Unit[]>(
    `SELECT u.* FROM "Unit" u WHERE u.id IN (${childrenOnSql('$1::int', '$2::date')})`,
    parentId,
    day,
  );
}
