export type FullNameCheck =
  | { ok: true; fullName: string }
  | { ok: false; problem: 'LENGTH' | 'CHARACTERS'; message: string };

export const MAX_FULL_NAME = 120;
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;

/**
 * Checks a person's full name as the server stores it (Unicode NFC, trimmed, inner spaces
 * folded): 1 to 120 characters, letters (with Vietnamese diacritics), spaces, hyphens,
 * apostrophes and dots. The field app checks with the same rule before anything is sent.
 */
export function checkFullName(raw: string): FullNameCheck {
  const fullName = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (fullName.length === 0 || fullName.length > MAX_FULL_NAME) {
    return {
      ok: false,
      problem: 'LENGTH',
      message: `The full name must have 1 to ${MAX_FULL_NAME} characters.`,
    };
  }
  if (!NAME_PATTERN.test(fullName)) {
    return {
      ok: false,
      problem: 'CHARACTERS',
      message: 'The full name may hold letters, spaces, hyphens and apostrophes only.',
    };
  }
  return { ok: true, fullName };
}
