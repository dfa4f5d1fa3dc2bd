import { parseArgs } from 'node:util';
import { isActionable } from '@toandan/db/cli/run';
import { databaseConfigFromEnv } from '@toandan/db/config';
import { runningServerUrl } from '@toandan/db/dataDirLock';
import { tokenSecretOrThrow } from '@toandan/db/secrets';
import { jwtVerify } from 'jose';
import { isRole, issueToken, MAX_TOKEN_DAYS, roles } from '../auth/tokens.ts';
import { env } from '../env.ts';
import { isWithin } from '../units/isWithin.ts';

// pnpm -s token --role <COMMAND_CENTER|FIELD_AGENT|PARTNER> [--unit <unitCode>] [--days <n>]
//   prints only the token on stdout; everything else goes to stderr.
// pnpm -s token --role FIELD_AGENT --officer <officerCode> [--unit <unitCode>]
//   one officer's token: its submissions count for that officer, viewer.officer shows its
//   quota; the unit defaults to the officer's own and may only be the officer's or below it.
// pnpm -s token --revoke <token or token id> --reason "<why>"
//   revokes it: through the running server when there is one (so every instance refuses it
//   at once), or in the database when none runs.
function fail(message: string, code = 2): never {
  console.error(`error: ${message}`);
  process.exit(code);
}

/**
 * The running server's GraphQL endpoint: on the embedded database, the server that holds
 * DATA_DIR wrote where it listens into its lock, whatever the port; on PostgreSQL, where
 * `pnpm start` serves on this machine.
 */
const databaseConfig = databaseConfigFromEnv();
const runningServer =
  databaseConfig.kind === 'pglite'
    ? runningServerUrl(databaseConfig.dataDir)
    : `http://127.0.0.1:${env.PORT}/graphql`;
/** How messages name it. */
const theRunningServer = runningServer
  ? `the server at ${runningServer}`
  : 'the server holding it (not serving yet?)';

let values: {
  role?: string;
  unit?: string;
  officer?: string;
  days?: string;
  subject?: string;
  revoke?: string;
  reason?: string;
};
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      officer: { type: 'string' },
      days: { type: 'string' },
      subject: { type: 'string' },
      revoke: { type: 'string' },
      reason: { type: 'string' },
    },
    strict: true,
  }));
} catch (error) {
  fail(
    `${(error as Error).message}\nusage: pnpm -s token --role <${roles.join('|')}> [--unit <unitCode>] [--officer <officerCode>] [--days <n>]\n       pnpm -s token --revoke <token or id> --reason "<why>"`,
  );
}

if (values.revoke !== undefined) {
  try {
    await revokeOrExit(values.revoke.trim(), values.reason?.trim() ?? '');
  } catch (error) {
    if (isActionable(error)) fail(error.message, 1);
    throw error;
  }
}

const role = values.role?.trim().toUpperCase() ?? '';
if (!isRole(role)) {
  fail(
    `${values.role ? `unknown role "${values.role}"` : '--role is required'}; the roles are ${roles.join(', ')}`,
  );
}
let unitCode = values.unit?.trim() || null;
const officerCode = values.officer?.trim() || null;
if (officerCode && role !== 'FIELD_AGENT')
  fail('--officer is for a FIELD_AGENT token: the officer or collection agent who holds it');
if (role === 'FIELD_AGENT' && !unitCode && !officerCode)
  fail('a FIELD_AGENT token needs --unit <unitCode>: the subtree it submits for');
const days = Number(values.days ?? 30);
if (!Number.isFinite(days) || days <= 0 || days > MAX_TOKEN_DAYS)
  fail(`--days must be a number of days from 1 to ${MAX_TOKEN_DAYS}`);

try {
  const secret = tokenSecretOrThrow();
  if (officerCode) unitCode = await officerUnitOrExit(officerCode, unitCode);
  else if (unitCode) await checkUnitExistsOrExit(unitCode);
  const token = await issueToken(secret, {
    role,
    unitCode,
    officerCode,
    expiresInSeconds: Math.round(days * 86_400),
    ...(values.subject ? { subject: values.subject } : {}),
  });
  process.stdout.write(`${token}\n`);
  process.exit(0);
} catch (error) {
  if (isActionable(error)) fail(error.message, 1);
  throw error;
}

/**
 * The unit must exist in the database that `pnpm start` uses. On the embedded database a
 * running server holds the data directory, so the check then asks that server instead.
 */
async function checkUnitExistsOrExit(code: string): Promise<void> {
  let found: boolean;
  try {
    const { db, database } = await import('@toandan/db/db');
    try {
      found = (await db.unit.findUnique({ where: { code }, select: { id: true } })) !== null;
    } catch {
      fail(
        `cannot look up unit ${code}: the database has no units yet (start the server once: pnpm start)`,
        1,
      );
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!(isActionable(error) && /in use by another running instance/.test(error.message))) throw error;
    found = await unitExistsOnRunningServer(code);
  }
  if (!found) fail(`no unit has the code "${code}"`, 1);
}

/**
 * The unit of an officer's token: the officer's own, or a unit below it, so that every
 * submission the token may make can count for the officer (who works in that unit or above).
 */
async function officerUnitOrExit(code: string, unit: string | null): Promise<string> {
  let found: { officerUnit: string; unitInside: boolean } | null;
  try {
    const { db, database } = await import('@toandan/db/db');
    try {
      const officer = await db.officer.findUnique({
        where: { code },
        select: { unitId: true, unit: { select: { code: true } } },
      });
      const asked = unit ? await db.unit.findUnique({ where: { code: unit } }) : null;
      if (unit && !asked) fail(`no unit has the code "${unit}"`, 1);
      found = officer && {
        officerUnit: officer.unit.code,
        unitInside: !asked || isWithin(asked, officer.unitId),
      };
    } catch (error) {
      if (isActionable(error)) throw error;
      fail(`cannot look up officer ${code}: the database has no officers yet (start the server once)`, 1);
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!(isActionable(error) && /in use by another running instance/.test(error.message))) throw error;
    found = await officerUnitOnRunningServer(code, unit);
  }
  if (!found) fail(`no officer has the code "${code}"`, 1);
  if (!found.unitInside)
    fail(`unit ${unit} is not officer ${code}'s unit ${found.officerUnit} nor inside it`, 1);
  return unit ?? found.officerUnit;
}

/** The same, asked of the running server: the officer through a token of its own for a minute. */
async function officerUnitOnRunningServer(
  code: string,
  unit: string | null,
): Promise<{ officerUnit: string; unitInside: boolean } | null> {
  const probe = await issueToken(tokenSecretOrThrow(), {
    role: 'FIELD_AGENT',
    unitCode: null,
    officerCode: code,
    subject: 'cli:pnpm-token',
    expiresInSeconds: 60,
  });
  let officerUnit: string | undefined;
  try {
    const response = await fetch(runningServerOrThrow(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${probe}` },
      body: JSON.stringify({ query: '{ viewer { officer { unit { code } } } }' }),
    });
    const body = (await response.json()) as {
      data?: { viewer: { officer: { unit: { code: string } } | null } };
    };
    officerUnit = body.data?.viewer.officer?.unit.code;
  } catch (error) {
    fail(
      `the data directory is in use, and ${theRunningServer} did not answer: ${(error as Error).message}`,
      1,
    );
  }
  if (!officerUnit) return null;
  if (!unit || unit === officerUnit) return { officerUnit, unitInside: true };
  // The asked unit's ancestors, as deep as any tree goes.
  const parents = 'parent { code '.repeat(8) + '}'.repeat(8);
  const data = await askRunningServer<{ unit: Record<string, unknown> | null }>(
    `query ($code: String!) { unit(code: $code) { code ${parents} } }`,
    { code: unit },
  );
  if (!data?.unit) fail(`no unit has the code "${unit}"`, 1);
  const ancestors: string[] = [];
  for (let at = data.unit.parent as { code: string; parent?: unknown } | null; at; ) {
    ancestors.push(at.code);
    at = (at.parent ?? null) as typeof at;
  }
  return { officerUnit, unitInside: ancestors.includes(officerUnit) };
}

function runningServerOrThrow(): string {
  if (!runningServer) throw new Error('no running server holds DATA_DIR');
  return runningServer;
}

/** Asks the running server, signed in as the command centre for a minute with our own secret. */
async function askRunningServer<Data>(
  query: string,
  variables: Record<string, unknown>,
): Promise<Data | undefined> {
  const token = await issueToken(tokenSecretOrThrow(), {
    role: 'COMMAND_CENTER',
    unitCode: null,
    subject: 'cli:pnpm-token',
    expiresInSeconds: 60,
  });
  const response = await fetch(runningServerOrThrow(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data?: Data }).data;
}

async function unitExistsOnRunningServer(code: string): Promise<boolean> {
  try {
    const data = await askRunningServer<{ unit: { code: string } | null }>(
      'query ($code: String!) { unit(code: $code) { code } }',
      { code },
    );
    return Boolean(data?.unit);
  } catch (error) {
    fail(
      `the data directory is in use, and ${theRunningServer} did not answer: ${(error as Error).message}`,
      1,
    );
  }
}

/** A token's id: the token's own (its signature checked, expired or not), or an id as given. */
async function tokenIdOf(tokenOrId: string): Promise<string> {
  if (!tokenOrId.includes('.')) return tokenOrId;
  try {
    const { payload } = await jwtVerify(tokenOrId, tokenSecretOrThrow(), { currentDate: new Date(0) });
    if (typeof payload.jti === 'string') return payload.jti;
  } catch {}
  fail('that is not a token this server signed; give its id instead', 1);
}

async function revokeOrExit(tokenOrId: string, reason: string): Promise<never> {
  if (!tokenOrId) fail('--revoke needs a token or a token id');
  if (!reason) fail('--revoke needs --reason "<why>"');
  const tokenId = await tokenIdOf(tokenOrId);
  const mutation = `mutation ($tokenId: String!, $reason: String!) {
    revokeToken(tokenId: $tokenId, reason: $reason) { revoked userErrors { message } } }`;
  let data: { revokeToken: { revoked: boolean; userErrors: { message: string }[] } } | undefined;
  try {
    data = await askRunningServer(mutation, { tokenId, reason });
  } catch {
    // No server runs: nobody holds the token's sockets, and the database is ours.
    const { revoke } = await import('../auth/revocations.ts');
    const { database } = await import('@toandan/db/db');
    const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
    await prepareDatabaseOrThrow({ seed: 'never' });
    const revoked = await revoke({
      tokenId,
      reason,
      revokedBy: 'cli:pnpm-token',
      expiresAt: Date.now() + MAX_TOKEN_DAYS * 86_400_000,
    });
    await database.close();
    console.error(revoked ? `revoked token ${tokenId}` : `token ${tokenId} was already revoked`);
    process.exit(0);
  }
  const answer = data?.revokeToken;
  if (!answer) fail(`${theRunningServer} did not revoke it`, 1);
  if (answer.userErrors.length) fail(answer.userErrors.map((error) => error.message).join('; '), 1);
  console.error(answer.revoked ? `revoked token ${tokenId}` : `token ${tokenId} was already revoked`);
  process.exit(0);
}
