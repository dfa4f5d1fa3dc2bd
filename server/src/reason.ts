import { type UserError, userError } from './userErrors.ts';

export const MAX_REASON = 500;

/**
 * The reason a person gives for a void or a revocation, as it is kept: Unicode NFC, trimmed,
 * inner spaces folded; 1 to MAX_REASON characters, or a userError on ["reason"].
 */
export function checkReason(raw: string): { ok: true; reason: string } | { ok: false; error: UserError } {
  const reason = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (reason.length === 0 || reason.length > MAX_REASON) {
    return {
      ok: false,
      error: userError(['reason'], 'INVALID', {
        vi: `Lý do phải có từ 1 đến ${MAX_REASON} ký tự.`,
        en: `The reason must have 1 to ${MAX_REASON} characters.`,
      }),
    };
  }
  return { ok: true, reason };
}
