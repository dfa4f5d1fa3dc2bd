import { schemes } from '@toandan/shared/schemes';
import { vnDay } from '@toandan/shared/vnDay';
import type { Language } from './language.ts';

/**
 * The codes of the expected failures a client can act on, returned as data in a payload's
 * `userErrors` (API.md): every mutation's, whatever its feature. Never translated.
 */
export type UserErrorCode =
  | 'INVALID'
  | 'NOT_FOUND'
  | 'OUT_OF_SCOPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'ALREADY_ENROLLED'
  | 'ALREADY_VOIDED'
  | 'COVER_RENEWED'
  | 'CAMPAIGN_CLOSED'
  | 'ALREADY_USED'
  | 'EXPIRED';

/**
 * One message in every language the API answers in. The failure is found without knowing who
 * asks; the GraphQL field `UserError.message` picks the request's language (context.ts).
 */
export type Words = Readonly<Record<Language, string>>;

/** An expected failure: the path of the input field at fault, a code, its message in words. */
export interface UserError {
  field: string[] | null;
  message: Words;
  code: UserErrorCode;
}

/** What every mutation's payload carries: empty when the mutation did what it was asked. */
export interface WithUserErrors {
  userErrors: UserError[];
}

/**
 * Each message says what is wrong and where, in plain Vietnamese with its diacritics and the
 * words of the people who read it (đơn vị, chỉ tiêu, kế hoạch giao), and the same in English.
 */
export function userError(field: (string | number)[], code: UserErrorCode, message: Words): UserError {
  return { field: field.map(String), code, message };
}

/** The refusal every feature has: a code that names nothing. */
export const notFound = {
  campaign: (id: string): Words => ({
    vi: `Không có chiến dịch nào mang mã "${id}".`,
    en: `No campaign has the id "${id}".`,
  }),
  unit: (code: string): Words => ({
    vi: `Không có đơn vị nào mang mã "${code}".`,
    en: `No unit has the code "${code}".`,
  }),
};

/** A Viet Nam day "2026-05-10" as Vietnamese write it: "10/05/2026". */
export function viDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const viClock = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Vietnamese read it, in Viet Nam's time: "09:00 ngày 10/05/2026". */
export function viMoment(instant: Date): string {
  return `${viClock.format(instant)} ngày ${viDay(vnDay.of(instant))}`;
}

/** 10000000 → "10.000.000". */
export function viNumber(value: number): string {
  return value.toLocaleString('vi-VN');
}

/** A scheme's name as the boards and the field app write it: "BHXH tự nguyện". */
export function viScheme(code: string): string {
  return schemes.find((scheme) => scheme.code === code)?.vi ?? code;
}
