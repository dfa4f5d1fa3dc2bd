import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const roles = ['COMMAND_CENTER', 'FIELD_AGENT', 'PARTNER'] as const;
export type Role = (typeof roles)[number];

export interface TokenClaims {
  role: Role;
  /** The unit whose subtree the holder works in; absent means the whole country. */
  unitCode: string | null;
  /**
   * The officer or collection agent who holds the token (Officer.code), when it is one person's:
   * its submissions count for that officer, and `viewer.officer` shows its own quota.
   */
  officerCode: string | null;
  /** The token's own id, for revocation. */
  tokenId: string;
  subject: string;
  expiresAt: Date;
}

/** The longest a token may live (pnpm -s token --days). */
export const MAX_TOKEN_DAYS = 366;

const ISSUER = 'toan-dan';
const ALGORITHM = 'HS256';

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export async function issueToken(
  secret: Uint8Array,
  claims: {
    role: Role;
    unitCode: string | null;
    officerCode?: string | null;
    subject?: string;
    expiresInSeconds: number;
  },
): Promise<string> {
  const officerCode = claims.officerCode ?? null;
  // The claim is left out when there is no officer, so older tokens and new ones read alike.
  return new SignJWT({
    role: claims.role,
    unit: claims.unitCode,
    ...(officerCode ? { officer: officerCode } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setSubject(
      claims.subject ??
        (officerCode ? `officer:${officerCode}` : `${claims.role.toLowerCase()}:${claims.unitCode ?? 'VN'}`),
    )
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + claims.expiresInSeconds)
    .sign(secret);
}

/** Checks signature, issuer, expiry and the claims' shape; throws when any is wrong. */
export async function verifyTokenOrThrow(secret: Uint8Array, token: string): Promise<TokenClaims> {
  const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: [ALGORITHM] });
  const { role, unit, officer, jti, sub, exp } = payload as Record<string, unknown>;
  if (typeof role !== 'string' || !isRole(role)) throw new Error('token has no valid role');
  if (unit !== null && typeof unit !== 'string') throw new Error('token has an invalid unit');
  if (officer !== undefined && (typeof officer !== 'string' || officer === '')) {
    throw new Error('token has an invalid officer');
  }
  if (typeof jti !== 'string' || typeof sub !== 'string' || typeof exp !== 'number') {
    throw new Error('token lacks id, subject or expiry');
  }
  return {
    role,
    unitCode: unit,
    officerCode: officer ?? null,
    tokenId: jti,
    subject: sub,
    expiresAt: new Date(exp * 1000),
  };
}

/**
 * The audience of the one-minute token that `pnpm -s backup` signs with the server's own secret
 * to ask a running embedded server for a backup (POST /backup). It carries no role, so no other
 * endpoint takes it, and no token that the API issues (issueToken) carries this audience: a
 * backup takes the secret itself, that is the operator on the server's machine.
 */
const BACKUP_AUDIENCE = 'toan-dan:backup';

export async function issueBackupToken(secret: Uint8Array): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(BACKUP_AUDIENCE)
    .setSubject('cli:pnpm-backup')
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(secret);
}

/** Throws unless `token` is a backup token signed with `secret` and not expired. */
export async function verifyBackupTokenOrThrow(secret: Uint8Array, token: string): Promise<void> {
  await jwtVerify(token, secret, { issuer: ISSUER, audience: BACKUP_AUDIENCE, algorithms: [ALGORITHM] });
}
