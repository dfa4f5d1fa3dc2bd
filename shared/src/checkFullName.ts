/** What is wrong with a full name, with what a message needs to say it (each reader words it). */
export type FullNameProblem =
  | { problem: 'LENGTH' }
  | { problem: 'CHARACTERS' }
  /** `codePoint` is the first such character, as "U+3164". */
  | { problem: 'INVISIBLE'; codePoint: string }
  | { problem: 'MARKS'; mark: 'NOT_ON_LETTER'; codePoint: string }
  | { problem: 'MARKS'; mark: 'TOO_MANY' };

export type FullNameCheck = { ok: true; fullName: string } | ({ ok: false } & FullNameProblem);

export const MAX_FULL_NAME = 120;
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;
/**
 * What a reader cannot see or a font cannot draw: default-ignorable code points (the Hangul
 * filler U+3164 is a "letter" of this kind, U+034F and the variation selectors are "marks"),
 * format and control characters, private use, lone surrogates, unassigned code points.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Co}\p{Cs}\p{Cn}]/u;
const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;
/** Vietnamese puts at most two marks on a letter when decomposed: ệ is e, dot below, circumflex. */
export const MAX_MARKS_PER_LETTER = 2;

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Checks a person's full name as the server stores it (Unicode NFC, trimmed, inner spaces
 * folded): 1 to 120 characters, letters (with Vietnamese diacritics), spaces, hyphens,
 * apostrophes and dots, starting with a letter; nothing invisible, and combining marks only
 * on a letter, at most two each. The field app checks with the same rule before anything is
 * sent.
 */
export function checkFullName(raw: string): FullNameCheck {
  const fullName = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (fullName.length === 0 || fullName.length > MAX_FULL_NAME) {
    return { ok: false, problem: 'LENGTH' };
  }
  const invisible = INVISIBLE.exec(fullName);
  if (invisible) {
    return { ok: false, problem: 'INVISIBLE', codePoint: codePoint(invisible[0]) };
  }
  if (!NAME_PATTERN.test(fullName)) {
    return { ok: false, problem: 'CHARACTERS' };
  }
  let marks = 0;
  let onLetter = false;
  for (const char of fullName.normalize('NFD')) {
    if (!MARK.test(char)) {
      onLetter = LETTER.test(char);
      marks = 0;
    } else if (!onLetter) {
      return { ok: false, problem: 'MARKS', mark: 'NOT_ON_LETTER', codePoint: codePoint(char) };
    } else if (++marks > MAX_MARKS_PER_LETTER) {
      return { ok: false, problem: 'MARKS', mark: 'TOO_MANY' };
    }
  }
  return { ok: true, fullName };
}
