import type { FullNameProblem } from '@toandan/shared/checkFullName';
import { MAX_FULL_NAME } from '@toandan/shared/checkFullName';
import { CITIZEN_ID_DIGITS, type CitizenIdProblem } from '@toandan/shared/citizenIdProblem';
import type { PlausibilityProblem } from '@toandan/shared/plausibilityProblems';
import type { Words } from '../userErrors.ts';

/**
 * The server's words for the problems the shared rules find. A citizen ID's are the field
 * app's own (web/src/submit/i18n), so that an officer reads one sentence for one problem
 * whether the phone or the server found it.
 */
export function citizenIdWords(problem: CitizenIdProblem): Words {
  switch (problem.problem) {
    case 'DIGITS_ONLY':
      return { vi: 'Số CCCD chỉ gồm các chữ số.', en: 'A citizen ID has digits only.' };
    case 'LENGTH':
      return problem.count > CITIZEN_ID_DIGITS
        ? {
            vi: `Số CCCD có ${CITIZEN_ID_DIGITS} chữ số; đã nhập ${problem.count} chữ số.`,
            en: `A citizen ID has ${CITIZEN_ID_DIGITS} digits; this one has ${problem.count}.`,
          }
        : {
            vi: `Số CCCD phải có đủ ${CITIZEN_ID_DIGITS} chữ số; mới nhập ${problem.count} chữ số.`,
            en: `A citizen ID needs all ${CITIZEN_ID_DIGITS} digits; only ${problem.count} so far.`,
          };
    case 'PROVINCE':
      return {
        vi: `Ba số đầu ${problem.prefix} không phải mã tỉnh nơi đăng ký khai sinh.`,
        en: `The first three digits ${problem.prefix} are not a province-of-birth code.`,
      };
    case 'CENTURY':
      return {
        vi: `Chữ số thứ 4 (${problem.digit}) phải từ 0 đến 3 (thế kỷ và giới tính).`,
        en: `The 4th digit (${problem.digit}) must be 0 to 3 (century and sex).`,
      };
    case 'BIRTH_YEAR':
      return {
        vi: `Các chữ số 4–6 cho năm sinh ${problem.year}, sau năm hiện tại.`,
        en: `Digits 4–6 give a birth year of ${problem.year}, which is in the future.`,
      };
  }
}

export function fullNameWords(problem: FullNameProblem): Words {
  switch (problem.problem) {
    case 'LENGTH':
      return {
        vi: `Họ và tên phải có từ 1 đến ${MAX_FULL_NAME} ký tự.`,
        en: `The full name must have 1 to ${MAX_FULL_NAME} characters.`,
      };
    case 'CHARACTERS':
      return {
        vi: 'Họ và tên chỉ gồm chữ cái, dấu cách, dấu gạch nối và dấu nháy.',
        en: 'A full name has letters, spaces, hyphens and apostrophes only.',
      };
    case 'INVISIBLE':
      return {
        vi: `Họ và tên có ký tự ẩn hoặc ký tự lạ (${problem.codePoint}): hãy xóa đi và gõ lại.`,
        en: `The full name holds an invisible or unknown character (${problem.codePoint}): delete it and type again.`,
      };
    case 'MARKS':
      return problem.mark === 'NOT_ON_LETTER'
        ? {
            vi: `Họ và tên có một dấu (${problem.codePoint}) không nằm trên chữ cái nào: dấu chỉ đặt trên chữ cái.`,
            en: `The full name has an accent (${problem.codePoint}) that is not on a letter: accents go on letters only.`,
          }
        : {
            vi: 'Họ và tên có chữ mang quá hai dấu: mỗi chữ nhiều nhất hai dấu (như ệ, ữ).',
            en: 'The full name has a letter with more than two accents: at most two on one letter (as in ệ, ữ).',
          };
  }
}

export function plausibilityWords(problem: PlausibilityProblem): Words {
  switch (problem.problem) {
    case 'TOO_YOUNG': {
      const year = problem.birthYear + problem.age;
      return {
        vi: `Số CCCD cho năm sinh ${problem.birthYear}, tức ${problem.age} tuổi vào năm ${year}, mà BHXH tự nguyện chỉ dành cho người từ đủ ${problem.minimumAge} tuổi: hãy kiểm tra lại số CCCD, hoặc chọn loại hình khác cho trẻ (như BHYT hộ gia đình).`,
        en: `The citizen ID gives a birth year of ${problem.birthYear}, ${problem.age} in ${year}, and voluntary social insurance is for people aged ${problem.minimumAge} and over: check the citizen ID, or choose another scheme for a child (such as household health insurance).`,
      };
    }
    case 'TOO_OLD': {
      const year = problem.birthYear + problem.age;
      return {
        vi: `Số CCCD cho năm sinh ${problem.birthYear}, tức ${problem.age} tuổi vào năm ${year}, quá ${problem.maximumAge} tuổi: chắc là nhập nhầm, hãy kiểm tra lại chữ số thứ 4 đến 6.`,
        en: `The citizen ID gives a birth year of ${problem.birthYear}, ${problem.age} years old in ${year}, over ${problem.maximumAge}: most likely a typing error; check digits 4 to 6.`,
      };
    }
    case 'ONE_WORD':
      return {
        vi: 'Họ và tên chỉ có một chữ: hãy nhập đủ họ và tên như trên CCCD (ví dụ Nguyễn Thị Lan).',
        en: 'The full name is one word only: enter the surname and the given name as on the citizen ID (e.g. Nguyễn Thị Lan).',
      };
  }
}
