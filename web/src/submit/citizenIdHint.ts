import { birthProvinces } from '@toandan/shared/birthProvinces';
import { checkCitizenId } from '@toandan/shared/checkCitizenId';

/**
 * What to tell the officer about a citizen ID while it is being typed: nothing yet, how many
 * digits are left, what is wrong as soon as it is wrong (a prefix that is no province, a 4th
 * digit that is no century and sex), or whose ID it looks like once complete. `key` names the
 * message in the `submit` translations (citizenId.*), `values` fill it in.
 */
export type CitizenIdHint =
  | { state: 'empty' }
  | { state: 'typing'; key: 'citizenId.typing'; values: { left: number } }
  | {
      state: 'invalid';
      key:
        | 'citizenId.digitsOnly'
        | 'citizenId.tooLong'
        | 'citizenId.tooShort'
        | 'citizenId.province'
        | 'citizenId.century'
        | 'citizenId.birthYear';
      values: Record<string, string | number>;
    }
  | {
      state: 'valid';
      key: 'citizenId.valid';
      values: { province: string; birthYear: number; sex: 'MALE' | 'FEMALE'; citizenId: string };
    };

export const CITIZEN_ID_DIGITS = 12;

/**
 * `finished` is true once the officer has left the field or pressed the button: a short ID is
 * then an error, not work in progress.
 */
export function citizenIdHint(raw: string, currentYear: number, finished = false): CitizenIdHint {
  const digits = raw.replace(/\s+/g, '');
  if (digits === '') return { state: 'empty' };
  if (!/^\d+$/.test(digits)) return { state: 'invalid', key: 'citizenId.digitsOnly', values: {} };
  if (digits.length > CITIZEN_ID_DIGITS) {
    return { state: 'invalid', key: 'citizenId.tooLong', values: { count: digits.length } };
  }
  if (digits.length >= 3 && !birthProvinces[digits.slice(0, 3)]) {
    return { state: 'invalid', key: 'citizenId.province', values: { prefix: digits.slice(0, 3) } };
  }
  if (digits.length >= 4 && Number(digits[3]) > 3) {
    return { state: 'invalid', key: 'citizenId.century', values: { digit: Number(digits[3]) } };
  }
  if (digits.length >= 6) {
    const year = (Number(digits[3]) < 2 ? 1900 : 2000) + Number(digits.slice(4, 6));
    if (year > currentYear) return { state: 'invalid', key: 'citizenId.birthYear', values: { year } };
  }
  if (digits.length < CITIZEN_ID_DIGITS) {
    return finished
      ? { state: 'invalid', key: 'citizenId.tooShort', values: { count: digits.length } }
      : { state: 'typing', key: 'citizenId.typing', values: { left: CITIZEN_ID_DIGITS - digits.length } };
  }
  // Complete: the same rule as the server's, so what passes here passes there.
  const checked = checkCitizenId(digits, currentYear);
  if (!checked.ok) return { state: 'invalid', key: 'citizenId.digitsOnly', values: {} };
  return {
    state: 'valid',
    key: 'citizenId.valid',
    values: {
      province: checked.birthProvince,
      birthYear: checked.birthYear,
      sex: checked.sex,
      citizenId: checked.citizenId,
    },
  };
}
