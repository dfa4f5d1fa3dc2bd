import { birthProvinces } from './birthProvinces.ts';

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
  | { ok: false; code: 'INVALID'; message: string; messageVi: string };

/**
 * Checks a citizen ID (CCCD): 12 digits; digits 1–3 a province-of-birth code; digit 4 the
 * century and sex (0/1 born 1900–1999 male/female, 2/3 born 2000–2099); digits 5–6 the last
 * two digits of the birth year, which cannot be later than `currentYear`.
 * Spaces are tolerated because people copy IDs as "038 095 012 345"; nothing else is.
 */
export function checkCitizenId(raw: string, currentYear: number): CitizenIdCheck {
  const citizenId = raw.replace(/\s+/g, '');
  const fail = (message: string, messageVi: string): CitizenIdCheck => ({
    ok: false,
    code: 'INVALID',
    message,
    messageVi,
  });

  if (!/^\d+$/.test(citizenId)) {
    return fail('The citizen ID must contain digits only.', 'Số CCCD chỉ gồm các chữ số.');
  }
  if (citizenId.length !== 12) {
    return fail(
      `The citizen ID must have 12 digits; this one has ${citizenId.length}.`,
      `Số CCCD phải có 12 chữ số; số này có ${citizenId.length} chữ số.`,
    );
  }
  const birthProvinceCode = citizenId.slice(0, 3);
  const birthProvince = birthProvinces[birthProvinceCode];
  if (!birthProvince) {
    return fail(
      `The citizen ID starts with ${birthProvinceCode}, which is not a province-of-birth code.`,
      `Ba số đầu ${birthProvinceCode} không phải mã tỉnh nơi đăng ký khai sinh.`,
    );
  }
  const centuryDigit = Number(citizenId[3]);
  if (centuryDigit > 3) {
    return fail(
      `The 4th digit (${centuryDigit}) must be 0–3: century and sex of a person born 1900–2099.`,
      `Chữ số thứ 4 (${centuryDigit}) phải từ 0 đến 3 (thế kỷ và giới tính).`,
    );
  }
  const birthYear = (centuryDigit < 2 ? 1900 : 2000) + Number(citizenId.slice(4, 6));
  if (birthYear > currentYear) {
    return fail(
      `Digits 4–6 give a birth year of ${birthYear}, which is in the future.`,
      `Các chữ số 4–6 cho năm sinh ${birthYear}, sau năm hiện tại.`,
    );
  }
  return {
    ok: true,
    citizenId,
    birthProvinceCode,
    birthProvince,
    sex: centuryDigit % 2 === 0 ? 'MALE' : 'FEMALE',
    birthYear,
  };
}
