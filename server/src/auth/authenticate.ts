import { db } from '@toandan/db/db';
import { tokenSecretOrThrow } from '@toandan/db/secrets';
import { vnDay } from '@toandan/shared/vnDay';
import { errors as joseErrors } from 'jose';
import { references } from '../enrolments/references.ts';
import { isOfficerInactive } from './officerStatus.ts';
import { isRevoked } from './revocations.ts';
import { type Role, verifyTokenOrThrow } from './tokens.ts';

/** Who is asking: a checked, unrevoked, unexpired token. */
export interface Auth {
  role: Role;
  /** The unit whose subtree the holder works in; null for the whole country. */
  unitCode: string | null;
  unitId: number | null;
  /** The officer who holds the token (its `officer` claim), or null for a team's or a screen's. */
  officerCode: string | null;
  officerId: number | null;
  tokenId: string;
  subject: string;
  expiresAt: Date;
}

export type Authentication =
  | { ok: true; auth: Auth }
  | { ok: false; reason: 'missing' | 'malformed' | 'invalid' | 'expired' | 'revoked'; message: string };

/** What a client is told when its token stops working, at a request or in the middle of a stream. */
export const endedTokenMessages = {
  expired: 'The token has expired; ask for a new one.',
  revoked: 'The token was revoked; ask for a new one.',
} as const;

const deactivatedMessage = (officerCode: string) =>
  `Officer ${officerCode}, who holds this token, was deactivated: the token no longer works.`;

let secret: Uint8Array | null = null;

/**
 * Tokens whose signature and claims were checked, until they expire: a phone or a wall screen
 * sends the same token with every request, and checking an HMAC through WebCrypto costs more
 * than the rest of a small request. Revocation is still checked every time.
 */
const verified = new Map<string, Awaited<ReturnType<typeof verifyTokenOrThrow>>>();
const MAX_VERIFIED = 10_000;
/** Officer codes do not change either. */
const officerIds = new Map<string, number>();

/**
 * Checks an `Authorization` value ("Bearer <token>"), as HTTP sends it in its header and a
 * WebSocket in its connection_init payload: the signature, the issuer, the expiry, the claims,
 * that the token was not revoked, and that its unit exists.
 */
export async function authenticate(authorization: unknown): Promise<Authentication> {
  if (authorization === undefined || authorization === null || authorization === '') {
    return {
      ok: false,
      reason: 'missing',
      message: 'A token is required: send Authorization: Bearer <token>.',
    };
  }
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match?.[1]) {
    return { ok: false, reason: 'malformed', message: 'The Authorization value must be "Bearer <token>".' };
  }
  const token = match[1];
  let claims = verified.get(token);
  if (claims && claims.expiresAt.getTime() <= Date.now()) {
    verified.delete(token);
    return { ok: false, reason: 'expired', message: endedTokenMessages.expired };
  }
  if (!claims) {
    secret ??= tokenSecretOrThrow();
    try {
      claims = await verifyTokenOrThrow(secret, token);
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        return { ok: false, reason: 'expired', message: endedTokenMessages.expired };
      }
      return { ok: false, reason: 'invalid', message: 'The token is not valid.' };
    }
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value as string);
    verified.set(token, claims);
  }
  if (isRevoked(claims.tokenId)) {
    return { ok: false, reason: 'revoked', message: endedTokenMessages.revoked };
  }
  let unitId: number | null = null;
  let unitCode = claims.unitCode;
  if (claims.unitCode !== null) {
    // A token of a unit merged away works for its successor from the merge's day (API.md,
    // "Reorganisation"): the tree in memory, read again after every change to it.
    const tree = await references.tree();
    let unit = tree.byCode.get(claims.unitCode);
    const today = vnDay.today();
    for (let hops = 0; unit?.mergedInto && unit.mergedOn && unit.mergedOn <= today && hops < 10; hops++)
      unit = tree.byCode.get(unit.mergedInto.code);
    unitId = unit?.id ?? null;
    unitCode = unit?.code ?? claims.unitCode;
    if (unitId === null) {
      return { ok: false, reason: 'invalid', message: `The token's unit ${claims.unitCode} does not exist.` };
    }
  }
  let officerId: number | null = null;
  if (isOfficerInactive(claims.officerCode)) {
    return { ok: false, reason: 'revoked', message: deactivatedMessage(claims.officerCode as string) };
  }
  if (claims.officerCode !== null) {
    officerId = officerIds.get(claims.officerCode) ?? null;
    if (officerId === null) {
      const officer = await db.officer.findUnique({
        where: { code: claims.officerCode },
        select: { id: true },
      });
      // Only found officers are kept: one added later must not stay unknown.
      if (officer) officerIds.set(claims.officerCode, officer.id);
      officerId = officer?.id ?? null;
    }
    if (officerId === null) {
      return {
        ok: false,
        reason: 'invalid',
        message: `The token's officer ${claims.officerCode} does not exist.`,
      };
    }
  }
  return {
    ok: true,
    auth: {
      role: claims.role,
      unitCode,
      unitId,
      officerCode: claims.officerCode,
      officerId,
      tokenId: claims.tokenId,
      subject: claims.subject,
      expiresAt: claims.expiresAt,
    },
  };
}
