import { birthProvinces } from './birthProvinces.ts';
import { birthYearOf } from './birthYearOf.ts';
import { type CitizenIdProblem, citizenIdProblem } from './citizenIdProblem.ts';

/** A checked citizen ID and what it says of the person, or the problem to word (each reader words it). */
export type CitizenIdCheck =
  | {
      ok: true;
      /** The 12 digits, with any spaces the officer typed removed. */
      citizenId: string;
      birthProvinceCode: string;
      birthProvince: string;
      sex: 'MALE' | 'FEMALE';
      birthYear: number;
    }
  | { ok: false; problem: CitizenIdProblem };

/**
 * Checks a citizen ID (CCCD) by the rule of citizenIdProblem, and reads what it says of the
 * person. Spaces are tolerated because people copy IDs as "038 095 012 345"; nothing else is.
 */
export function checkCitizenId(raw: string, currentYear: number): CitizenIdCheck {
  const citizenId = raw.replace(/\s+/g, '');
  const problem = citizenIdProblem(citizenId, currentYear);
  if (problem) return { ok: false, problem };
  const birthProvinceCode = citizenId.slice(0, 3);
  return {
    ok: true,
    citizenId,
    birthProvinceCode,
    birthProvince: birthProvinces[birthProvinceCode] as string,
    sex: Number(citizenId[3]) % 2 === 0 ? 'MALE' : 'FEMALE',
    birthYear: birthYearOf(citizenId) as number,
  };
}
