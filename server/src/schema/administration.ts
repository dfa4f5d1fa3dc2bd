import { db } from '@toandan/db/db';
import { GraphQLError } from 'graphql';
import { audited, recordAudit } from '../audit.ts';
import { DEFAULT_TOKEN_DAYS, SIGN_IN_CODE_DAYS, signInUrl } from '../auth/issuedTokens.ts';
import { consumeRedeemsOrThrow } from '../auth/rateLimits.ts';
import { forbidden } from '../auth/scopes.ts';
import { type IssueResult, issueSignInCodes, issueTokenFor, redeemSignInCode } from '../auth/tokenAdmin.ts';
import { MAX_TOKEN_DAYS, type Role } from '../auth/tokens.ts';
import { builder } from '../builder.ts';
import { MAX_ROWS } from '../campaigns/setTargets.ts';
import type { Context } from '../context.ts';
import { env } from '../env.ts';
import { registerOfficers, setOfficerQuotas } from '../officers/manageOfficers.ts';
import { pageSizeOrThrow } from '../pageSize.ts';
import { isWithin } from '../units/isWithin.ts';
import { notFound as unitNotFound } from '../userErrors.ts';
import { RoleEnum } from './auth.ts';
import { Officer, OrganisationEnum } from './officer.ts';
import { SchemeEnum } from './scheme.ts';
import { BulkPayload } from './target.ts';
import { userErrorsField } from './userError.ts';

// Administration (API.md): officers, their quotas and tokens, and the sign-in codes of a
// printed QR sheet, for the command centre inside its own subtree.

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

/** Where the web app answers, as the browser that asks reached it (through a trusted proxy too). */
function originOf(context: Context): string {
  // Over a WebSocket there is no request URL: the links are then relative to the app.
  if (!context.request?.url) return '';
  const url = new URL(context.request.url);
  if (env.TRUST_PROXY) {
    const proto = context.request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = context.request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto && /^https?$/.test(proto)) url.protocol = `${proto}:`;
    if (host && /^[\w.:[\]-]+$/.test(host)) url.host = host;
  }
  return url.origin;
}

/** The unit whose subtree a list shows, inside the caller's own: FORBIDDEN outside it. */
async function listedUnitOrThrow(context: Context, unitCode: string) {
  const unit = await db.unit.findUnique({
    where: { code: unitCode },
    select: { id: true, code: true, ancestorIds: true },
  });
  if (!unit) throw new GraphQLError(unitNotFound.unit(unitCode).en, { extensions: { code: 'NOT_FOUND' } });
  if (!isWithin(unit, context.auth?.unitId ?? null))
    throw forbidden(
      `Unit ${unitCode} is outside your token's unit ${context.auth?.unitCode}: you may list its subtree only.`,
    );
  return unit;
}

const inSubtree = (unit: { id: number }) => ({ OR: [{ id: unit.id }, { ancestorIds: { has: unit.id } }] });

export const RegisteredToken = builder.prismaObject('IssuedToken', {
  name: 'RegisteredToken',
  description:
    'A token in the register of what the app issued (issueToken, redeemSignInCode): who holds it, for which unit, until when, and whether it was revoked. Never the token itself.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Its id (jti): what revokeToken takes.' }),
    subject: t.exposeString('subject', { description: 'Who it was issued to, e.g. "officer:CB-395-01-1".' }),
    role: t.field({ type: RoleEnum, description: 'What it may do.', resolve: (token) => token.role as Role }),
    unit: t.relation('unit', {
      nullable: true,
      description: 'The unit whose subtree it works in; null for the whole country.',
    }),
    officer: t.relation('officer', { nullable: true, description: 'The officer who holds it, if one does.' }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime', description: 'When it was issued.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops working.' }),
    issuedBy: t.exposeString('issuedBy', {
      nullable: true,
      description:
        'The subject of the command centre’s token that issued it; null for a redeemed sign-in code.',
    }),
    revoked: t.boolean({
      description: 'True once revoked (revokeToken, or its officer deactivated).',
      resolve: (token) => token.revokedAt !== null,
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked.',
    }),
  }),
});

builder.prismaObjectField(Officer, 'tokens', (t) =>
  t.relation('tokens', {
    description: 'The tokens the app issued to the officer, newest first (not those of `pnpm -s token`).',
    authScopes: { commandCenter: true },
    query: { orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }], take: 20 },
  }),
);

/** What the two lists of a unit's subtree share: who reads them, their pages, their cost. */
const subtreePage = {
  authScopes: { commandCenter: true },
  defaultSize: DEFAULT_PAGE,
  maxSize: MAX_PAGE,
  complexity: (args: { first?: number | null }) => ({
    field: 1,
    multiplier: Math.max(1, args.first ?? DEFAULT_PAGE),
  }),
} as const;

/** The unit of a page's `unitCode`, once its size is checked. */
async function pageUnitOrThrow(args: { first?: number | null; unitCode: string }, context: Context) {
  pageSizeOrThrow(args.first, DEFAULT_PAGE, MAX_PAGE);
  return listedUnitOrThrow(context, args.unitCode);
}

builder.queryFields((t) => ({
  officers: t.prismaConnection(
    {
      ...subtreePage,
      type: 'Officer',
      cursor: 'code',
      description: `The officers and collection agents (cán bộ, đại lý thu) of a unit's whole subtree, by code, with their progress and tokens (command centre, inside its own subtree). Pages of ${DEFAULT_PAGE} by default, at most ${MAX_PAGE}.`,
      args: {
        unitCode: t.arg.string({ required: true, description: 'The unit whose whole subtree to list.' }),
      },
      resolve: async (query, _root, args, context) => {
        const unit = await pageUnitOrThrow(args, context);
        return db.officer.findMany({ ...query, where: { unit: inSubtree(unit) }, orderBy: { code: 'asc' } });
      },
    },
    { name: 'OfficerConnection', description: 'A page of officers, by code, as a Relay connection.' },
    { name: 'OfficerEdge', description: 'One officer on a page, with its cursor.' },
  ),
  tokens: t.prismaConnection(
    {
      ...subtreePage,
      type: 'IssuedToken',
      cursor: 'id',
      description: `The register of the tokens the app issued for a unit's whole subtree (command centre, inside its own), newest first: subject, role, unit, expiry, revoked; never the token itself. National tokens are listed under the country's root unit. Pages of ${DEFAULT_PAGE} by default, at most ${MAX_PAGE}.`,
      args: {
        unitCode: t.arg.string({ required: true, description: 'The unit whose whole subtree to list.' }),
      },
      resolve: async (query, _root, args, context) => {
        const unit = await pageUnitOrThrow(args, context);
        return db.issuedToken.findMany({
          ...query,
          where:
            unit.ancestorIds.length === 0
              ? { OR: [{ unitId: null }, { unit: inSubtree(unit) }] }
              : { unit: inSubtree(unit) },
          orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        });
      },
    },
    {
      name: 'TokenConnection',
      description: 'A page of the token register, newest first, as a Relay connection.',
    },
    { name: 'TokenEdge', description: 'One registered token on a page, with its cursor.' },
  ),
}));

const OfficerInput = builder.inputType('OfficerInput', {
  description: 'One officer or collection agent of a list (danh sách cán bộ, đại lý thu).',
  fields: (t) => ({
    code: t.string({
      required: true,
      description:
        'The officer’s code (mã cán bộ), unique nationwide: 1 to 40 of A-Z, a-z, 0-9, ".", "-", "_".',
    }),
    name: t.string({ required: true, description: 'Full name (họ và tên), 1 to 120 characters.' }),
    unitCode: t.string({ required: true, description: 'The unit the officer is attached to.' }),
    organisation: t.field({
      type: OrganisationEnum,
      required: true,
      description: 'Who the officer works for.',
    }),
    active: t.boolean({
      description:
        'False deactivates the officer: every token of theirs stops working at once. Left out: true for a new officer, unchanged otherwise.',
    }),
  }),
});

const OfficerQuotaInput = builder.inputType('OfficerQuotaInput', {
  description: 'One personal quota (chỉ tiêu cá nhân): an officer, a scheme, a number.',
  fields: (t) => ({
    officerCode: t.string({ required: true, description: 'The officer’s code.' }),
    scheme: t.field({
      type: SchemeEnum,
      required: true,
      description: 'The scheme; the campaign must run it.',
    }),
    quota: t.int({ required: true, description: 'The quota for the whole campaign, 0 to 10,000,000.' }),
  }),
});

interface IssuedTokenData {
  token: string;
  id: string;
  expiresAt: Date;
  signInUrl: string;
}

const IssuedTokenRef = builder.objectRef<IssuedTokenData>('IssuedToken').implement({
  description: 'A token just issued: shown once, to the caller alone, and never logged.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The token: send it as Authorization: Bearer <token>.' }),
    id: t.exposeID('id', { description: 'Its id: what revokeToken takes, and what the register lists.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops working.' }),
    signInUrl: t.exposeString('signInUrl', {
      description:
        'The web app signed in with it: /submit for a field agent, the board otherwise, the token in the URL’s fragment (#token=…), which reaches no server.',
    }),
  }),
});

const IssueTokenPayload = builder
  .objectRef<{ issued: IssuedTokenData | null; userErrors: IssueResult['userErrors'] }>('IssueTokenPayload')
  .implement({
    description: 'The answer to issuing a token or redeeming a sign-in code.',
    fields: (t) => ({
      issued: t.field({
        type: IssuedTokenRef,
        nullable: true,
        description: 'The token; null exactly when userErrors is not empty.',
        resolve: (payload) => payload.issued,
      }),
      userErrors: userErrorsField(t, 'What is wrong; nothing was issued.'),
    }),
  });

interface SignInCodeData {
  officerCode: string;
  officerId: number;
  code: string;
  url: string;
  expiresAt: Date;
}

const SignInCodeRef = builder.objectRef<SignInCodeData>('SignInCode').implement({
  description:
    'A one-time sign-in code for a printed QR sheet: a phone that opens `url` is signed in as the officer, once, before `expiresAt`. Only its hash is stored.',
  fields: (t) => ({
    officerCode: t.exposeString('officerCode', { description: 'The officer it signs in.' }),
    officer: t.prismaField({
      type: 'Officer',
      description: 'The officer, with name and unit, to print beside the code.',
      resolve: (query, code) => db.officer.findUniqueOrThrow({ ...query, where: { id: code.officerId } }),
    }),
    code: t.exposeString('code', { description: 'The code itself; shown once.' }),
    url: t.exposeString('url', {
      description:
        'What the QR code holds: /submit with the code in the URL fragment (#code=…), which reaches neither a server’s log nor a history entry sent to a server.',
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      description: `When the code stops working, ${SIGN_IN_CODE_DAYS} days after it was issued.`,
    }),
  }),
});

const withUrl = (context: Context, role: Role, issued: IssueResult['issued']) =>
  issued && { ...issued, signInUrl: signInUrl(originOf(context), role, { token: issued.token }) };

builder.mutationFields((t) => ({
  registerOfficers: t.field({
    type: BulkPayload,
    description: `Register officers and collection agents from a list, at most ${MAX_ROWS} rows (command centre, inside its subtree): each code is created or updated (name, unit, organisation, active), all rows or none. Codes are unique nationwide: creating or changing one registered outside the caller’s subtree is OUT_OF_SCOPE. A moved officer keeps the history counted before; a deactivated officer’s tokens stop working at once, on HTTP and on open WebSockets.`,
    args: { rows: t.arg({ type: [OfficerInput], required: true, description: 'The rows.' }) },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.rows.length / 10) }),
    resolve: (_root, { rows }, context) =>
      audited(
        context,
        'REGISTER_OFFICERS',
        () => registerOfficers(context.auth, rows),
        () => ({ target: null, details: { rows: rows.length } }),
      ),
  }),
  setOfficerQuotas: t.field({
    type: BulkPayload,
    description: `Set officers’ personal quotas (chỉ tiêu cá nhân) in a campaign, at most ${MAX_ROWS} rows, all or none (command centre, for officers inside its subtree).`,
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      rows: t.arg({ type: [OfficerQuotaInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.rows.length / 10) }),
    resolve: (_root, { campaignId, rows }, context) =>
      audited(
        context,
        'SET_OFFICER_QUOTAS',
        () => setOfficerQuotas(context.auth, String(campaignId), rows),
        () => ({ target: String(campaignId), details: { rows: rows.length } }),
      ),
  }),
  issueToken: t.field({
    type: IssueTokenPayload,
    description: `Issue a token (command centre, inside its subtree), as \`pnpm -s token\` does: days ${DEFAULT_TOKEN_DAYS} by default, at most ${MAX_TOKEN_DAYS}. A scoped command centre’s tokens are scoped to its subtree (its own unit when none is named). Entered in the register and in the trail of who did what (nhật ký); the token itself is never logged.`,
    args: {
      role: t.arg({ type: RoleEnum, required: true, description: 'What the token may do.' }),
      unitCode: t.arg.string({
        description: 'The unit whose subtree it works in; the officer’s own for an officer’s token.',
      }),
      officerCode: t.arg.string({ description: 'The officer who holds it (FIELD_AGENT only).' }),
      days: t.arg.int({
        description: `How long it lives, 1 to ${MAX_TOKEN_DAYS} days; ${DEFAULT_TOKEN_DAYS} when left out.`,
      }),
    },
    authScopes: { commandCenter: true },
    resolve: async (_root, args, context) => {
      const result = await audited(
        context,
        'ISSUE_TOKEN',
        () => issueTokenFor(context.auth, args),
        (answer) => ({
          target: answer.issued?.id ?? null,
          details: {
            role: args.role,
            unitCode: args.unitCode ?? null,
            officerCode: args.officerCode ?? null,
            days: args.days ?? DEFAULT_TOKEN_DAYS,
          },
        }),
      );
      return { issued: withUrl(context, args.role, result.issued), userErrors: result.userErrors };
    },
  }),
  issueSignInCodes: t.field({
    type: [SignInCodeRef],
    description: `One-time sign-in codes for a printed QR sheet, one per officer, at most ${MAX_ROWS} (command centre, for active officers inside its subtree), all or none: a bad list is one error (extensions.code INVALID or OUT_OF_SCOPE, and extensions.userErrors with each bad officer’s index). Each code works once, within ${SIGN_IN_CODE_DAYS} days, for a token of \`days\` days (${DEFAULT_TOKEN_DAYS} when left out, at most ${MAX_TOKEN_DAYS}).`,
    args: {
      officerCodes: t.arg.stringList({ required: true, description: 'The officers’ codes.' }),
      days: t.arg.int({ description: `How long each redeemed token lives, 1 to ${MAX_TOKEN_DAYS} days.` }),
    },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.officerCodes.length) }),
    resolve: async (_root, { officerCodes, days }, context) => {
      const codes = await issueSignInCodes(context.auth, officerCodes, days);
      await recordAudit({ auth: context.auth, client: context.client }, 'ISSUE_SIGN_IN_CODES', null, {
        officers: codes.map((code) => code.officerCode),
        days: days ?? DEFAULT_TOKEN_DAYS,
      });
      const origin = originOf(context);
      return codes.map((code) => ({ ...code, url: signInUrl(origin, 'FIELD_AGENT', { code: code.code }) }));
    },
  }),
  redeemSignInCode: t.field({
    type: IssueTokenPayload,
    description: `Redeem a one-time sign-in code for the officer’s token. No token needed: the one operation a request without Authorization may send, rate-limited per client address. A code works once, within ${SIGN_IN_CODE_DAYS} days: used again, ALREADY_USED; too late, EXPIRED; unknown, NOT_FOUND.`,
    args: {
      code: t.arg.string({ required: true, description: 'The code, as the QR code’s URL carries it.' }),
    },
    resolve: async (_root, { code }, context) => {
      await consumeRedeemsOrThrow(context);
      const result = await redeemSignInCode(code);
      if (result.issued)
        await recordAudit({ auth: null, client: context.client }, 'REDEEM_SIGN_IN_CODE', result.issued.id, {
          officerCode: result.officerCode,
        });
      return { issued: withUrl(context, 'FIELD_AGENT', result.issued), userErrors: result.userErrors };
    },
  }),
}));
