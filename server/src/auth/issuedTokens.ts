import { createHash, randomBytes } from 'node:crypto';
import { db } from '@toandan/db/db';
import { tokenSecretOrThrow } from '@toandan/db/secrets';
import { MAX_TOKEN_DAYS, type Role, issueToken as signToken, verifyTokenOrThrow } from './tokens.ts';

/** A token's life when none is asked for (issueToken, issueSignInCodes). */
export const DEFAULT_TOKEN_DAYS = 30;
/** A printed sign-in code works this long, once (API.md, redeemSignInCode). */
export const SIGN_IN_CODE_DAYS = 7;

export interface Issued {
  token: string;
  id: string;
  expiresAt: Date;
}

/**
 * Signs a token and enters it in the register (IssuedToken): its id, role, unit, officer and
 * expiry, never the token itself, which goes to the caller alone.
 */
export async function issueRegisteredToken(claims: {
  role: Role;
  unit: { id: number; code: string } | null;
  officer: { id: number; code: string } | null;
  days: number;
  issuedBy: string | null;
}): Promise<Issued> {
  const token = await signToken(tokenSecretOrThrow(), {
    role: claims.role,
    unitCode: claims.unit?.code ?? null,
    officerCode: claims.officer?.code ?? null,
    expiresInSeconds: Math.round(claims.days * 86_400),
  });
  const { tokenId, subject, expiresAt } = await verifyTokenOrThrow(tokenSecretOrThrow(), token);
  await db.issuedToken.create({
    data: {
      id: tokenId,
      role: claims.role,
      unitId: claims.unit?.id ?? null,
      officerId: claims.officer?.id ?? null,
      subject,
      expiresAt,
      issuedBy: claims.issuedBy,
    },
  });
  return { token, id: tokenId, expiresAt };
}

/** Whether `days` is a token's life the API accepts: a whole number of days, 1 to 366. */
export const isTokenDays = (days: number) => Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS;

/**
 * A one-time sign-in code: 160 random bits, base64url, after a prefix that the log guard
 * (test/setup/personalDataInLogs.ts) looks for. Only its SHA-256 is stored.
 */
export function newSignInCode(): { code: string; hash: string } {
  const code = `tdsi_${randomBytes(20).toString('base64url')}`;
  return { code, hash: hashOfSignInCode(code) };
}

export const hashOfSignInCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

/**
 * Where a sign-in lands in the web app: the token or the code rides in the URL's fragment
 * (#code=…), which a browser never sends to a server nor puts in a request's log, and which the
 * app removes from the address bar and its history entry as soon as it has read it.
 */
export function signInUrl(origin: string, role: Role, secret: { token: string } | { code: string }): string {
  const path = role === 'FIELD_AGENT' ? '/submit' : '/';
  const fragment = 'token' in secret ? `token=${secret.token}` : `code=${encodeURIComponent(secret.code)}`;
  return `${origin}${path}#${fragment}`;
}
