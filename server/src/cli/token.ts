import { parseArgs } from 'node:util';
import { isActionable } from '@toandan/db/cli/run';
import { tokenSecretOrThrow } from '../secrets.ts';
import { isRole, issueToken, roles } from '../tokens.ts';

// pnpm token --role <COMMAND_CENTER|FIELD_AGENT|PARTNER> [--unit <unitCode>] [--days <n>]
// Prints only the token on stdout; everything else goes to stderr.
function fail(message: string, code = 2): never {
  console.error(`error: ${message}`);
  process.exit(code);
}

let values: { role?: string; unit?: string; days?: string; subject?: string };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      days: { type: 'string' },
      subject: { type: 'string' },
    },
    strict: true,
  }));
} catch (error) {
  fail(
    `${(error as Error).message}\nusage: pnpm token --role <${roles.join('|')}> [--unit <unitCode>] [--days <n>]`,
  );
}

const role = values.role?.trim().toUpperCase() ?? '';
if (!isRole(role)) {
  fail(
    `${values.role ? `unknown role "${values.role}"` : '--role is required'}; the roles are ${roles.join(', ')}`,
  );
}
const unitCode = values.unit?.trim() || null;
if (role === 'FIELD_AGENT' && !unitCode)
  fail('a FIELD_AGENT token needs --unit <unitCode>: the subtree it submits for');
const days = Number(values.days ?? 30);
if (!Number.isFinite(days) || days <= 0 || days > 366) fail('--days must be a number of days from 1 to 366');

try {
  const secret = tokenSecretOrThrow();
  if (unitCode) await checkUnitExistsOrExit(unitCode);
  const token = await issueToken(secret, {
    role,
    unitCode,
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

async function unitExistsOnRunningServer(code: string): Promise<boolean> {
  const url = `http://127.0.0.1:${process.env.PORT || 4000}/graphql`;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($code: String!) { unit(code: $code) { code } }',
        variables: { code },
      }),
    });
    const body = (await response.json()) as { data?: { unit: { code: string } | null } };
    return Boolean(body.data?.unit);
  } catch (error) {
    fail(
      `the data directory is in use, and the server at ${url} did not answer: ${(error as Error).message}`,
      1,
    );
  }
}
