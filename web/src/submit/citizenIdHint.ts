import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { CITIZEN_ID_DIGITS, citizenIdProblem } from '@toandan/shared/citizenIdProblem';

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

const KEYS = {
  DIGITS_ONLY: 'citizenId.digitsOnly',
  PROVINCE: 'citizenId.province',
  CENTURY: 'citizenId.century',
  BIRTH_YEAR: 'citizenId.birthYear',
} as const;

/**
 * `finished` is true once the officer has left the field or pressed the button: a short ID is
 * then an error, not work in progress. The rule is the server's (citizenIdProblem); the words
 * are the field app's.
 */
export function citizenIdHint(raw: string, currentYear: number, finished = false): CitizenIdHint {
  const digits = raw.replace(/\s+/g, '');
  if (digits === '') return { state: 'empty' };
  const problem = citizenIdProblem(digits, currentYear, true);
  if (problem?.problem === 'LENGTH') {
    return { state: 'invalid', key: 'citizenId.tooLong', values: { count: problem.count } };
  }
  if (problem) {
    const { problem: code, ...values } = problem;
    return { state: 'invalid', key: KEYS[code], values };
  }
  if (digits.length < CITIZEN_ID_DIGITS) {
    return finished
      ? { state: 'invalid', key: 'citizenId.tooShort', values: { count: digits.length } }
      : { state: 'typing', key: 'citizenId.typing', values: { left: CITIZEN_ID_DIGITS - digits.length } };
  }
  const checked = checkCitizenId(digits, currentYear);
  if (!checked.ok)
    throw new Error(`citizenIdProblem and checkCitizenId disagree on ${checked.problem.problem}`);
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
