import { birthProvinces } from './birthProvinces.ts';
import { birthYearOf } from './birthYearOf.ts';

export const CITIZEN_ID_DIGITS = 12;

/** What is wrong with a citizen ID (CCCD), with what a message needs to say it. */
export type CitizenIdProblem =
  | { problem: 'DIGITS_ONLY' }
  | { problem: 'LENGTH'; count: number }
  | { problem: 'PROVINCE'; prefix: string }
  | { problem: 'CENTURY'; digit: number }
  | { problem: 'BIRTH_YEAR'; year: number };

/**
 * The rule of a citizen ID, once for the server and the field app: 12 digits; digits 1–3 a
 * province-of-birth code; digit 4 the century and sex (0/1 born 1900–1999, 2/3 born
 * 2000–2099); digits 5–6 the last two of a birth year no later than `currentYear`. `digits`
 * has its spaces removed already. Returns the first problem, or null. With `partial`, the
 * digits are those typed so far: too few is no problem yet, and each rule applies as soon as
 * its digits are there, so that the field app says what is wrong as soon as it is wrong.
 */
export function citizenIdProblem(
  digits: string,
  currentYear: number,
  partial = false,
): CitizenIdProblem | null {
  if (!/^\d+$/.test(digits)) return { problem: 'DIGITS_ONLY' };
  if (digits.length > CITIZEN_ID_DIGITS || (!partial && digits.length < CITIZEN_ID_DIGITS)) {
    return { problem: 'LENGTH', count: digits.length };
  }
  if (digits.length >= 3 && !birthProvinces[digits.slice(0, 3)]) {
    return { problem: 'PROVINCE', prefix: digits.slice(0, 3) };
  }
  if (digits.length >= 4 && Number(digits[3]) > 3) return { problem: 'CENTURY', digit: Number(digits[3]) };
  const year = birthYearOf(digits);
  if (year !== null && year > currentYear) return { problem: 'BIRTH_YEAR', year };
  return null;
}
