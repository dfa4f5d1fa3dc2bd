import { birthProvinces } from './birthProvinces.ts';
import { type CitizenIdProblem, citizenIdProblem } from './citizenIdProblem.ts';

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
  | { ok: false; code: 'INVALID'; problem: CitizenIdProblem; message: string; messageVi: string };

/** The server's words for each problem, in English and Vietnamese (the field app has its own). */
function worded(problem: CitizenIdProblem): { message: string; messageVi: string } {
  switch (problem.problem) {
    case 'DIGITS_ONLY':
      return {
        message: 'The citizen ID must contain digits only.',
        messageVi: 'Số CCCD chỉ gồm các chữ số.',
      };
    case 'LENGTH':
      return {
        message: `The citizen ID must have 12 digits; this one has ${problem.count}.`,
        messageVi: `Số CCCD phải có 12 chữ số; số này có ${problem.count} chữ số.`,
      };
    case 'PROVINCE':
      return {
        message: `The citizen ID starts with ${problem.prefix}, which is not a province-of-birth code.`,
        messageVi: `Ba số đầu ${problem.prefix} không phải mã tỉnh nơi đăng ký khai sinh.`,
      };
    case 'CENTURY':
      return {
        message: `The 4th digit (${problem.digit}) must be 0–3: century and sex of a person born 1900–2099.`,
        messageVi: `Chữ số thứ 4 (${problem.digit}) phải từ 0 đến 3 (thế kỷ và giới tính).`,
      };
    case 'BIRTH_YEAR':
      return {
        message: `Digits 4–6 give a birth year of ${problem.year}, which is in the future.`,
        messageVi: `Các chữ số 4–6 cho năm sinh ${problem.year}, sau năm hiện tại.`,
      };
  }
}

/**
 * Checks a citizen ID (CCCD) by the rule of citizenIdProblem, and reads what it says of the
 * person. Spaces are tolerated because people copy IDs as "038 095 012 345"; nothing else is.
 */
export function checkCitizenId(raw: string, currentYear: number): CitizenIdCheck {
  const citizenId = raw.replace(/\s+/g, '');
  const problem = citizenIdProblem(citizenId, currentYear);
  if (problem) return { ok: false, code: 'INVALID', problem, ...worded(problem) };
  const centuryDigit = Number(citizenId[3]);
  const birthProvinceCode = citizenId.slice(0, 3);
  return {
    ok: true,
    citizenId,
    birthProvinceCode,
    birthProvince: birthProvinces[birthProvinceCode] as string,
    sex: centuryDigit % 2 === 0 ? 'MALE' : 'FEMALE',
    birthYear: (centuryDigit < 2 ? 1900 : 2000) + Number(citizenId.slice(4, 6)),
  };
}
