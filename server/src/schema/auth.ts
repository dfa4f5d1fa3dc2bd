import { actorOf, recordAudit } from '../audit.ts';
import type { Auth } from '../auth/authenticate.ts';
import { revoke } from '../auth/revocations.ts';
import { MAX_TOKEN_DAYS, roles } from '../auth/tokens.ts';
import { builder } from '../builder.ts';
import { checkReason } from '../reason.ts';
import { type UserError, userError } from '../userErrors.ts';
import { userErrorsField } from './userError.ts';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a token may do (API.md, Roles).',
  values: Object.fromEntries(
    roles.map((role) => [
      role,
      {
        description: {
          COMMAND_CENTER: 'The campaign command centre (ban chỉ đạo): everything.',
          FIELD_AGENT:
            'An officer or collection agent (cán bộ, đại lý thu): submits inside its unit’s subtree, reads boards.',
          PARTNER:
            'A partner agency (sở, ngành): reads units, campaigns, boards and aggregates, never personal data.',
        }[role],
      },
    ]),
  ) as Record<(typeof roles)[number], { description: string }>,
});

export const Viewer = builder.objectRef<Auth>('Viewer').implement({
  description: 'The token of this request, as the server checked it.',
  fields: (t) => ({
    role: t.expose('role', { type: RoleEnum, description: 'What it may do.' }),
    unitCode: t.exposeString('unitCode', {
      nullable: true,
      description: 'The unit whose subtree it works in; null for the whole country.',
    }),
    subject: t.exposeString('subject', { description: 'Who it was issued to.' }),
    tokenId: t.exposeString('tokenId', { description: 'Its id: what revokeToken takes.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops working.' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    description: 'Who is asking: the role, unit and expiry of this request’s token.',
    resolve: (_root, _args, context) => context.auth as Auth,
  }),
);

interface RevokeResult {
  revoked: boolean;
  userErrors: UserError[];
}

const RevokeTokenPayload = builder.objectRef<RevokeResult>('RevokeTokenPayload').implement({
  description: 'The answer to a revocation.',
  fields: (t) => ({
    revoked: t.exposeBoolean('revoked', {
      description: 'True when this call revoked it; false when it was revoked before (nothing changed).',
    }),
    userErrors: userErrorsField(t),
  }),
});

builder.mutationField('revokeToken', (t) =>
  t.field({
    type: RevokeTokenPayload,
    description:
      'Revoke a token (thu hồi), for the command centre, e.g. of a lost phone: from now on every instance refuses it, its open WebSockets are closed with 4403 and its server-sent event streams end with an UNAUTHENTICATED error.',
    authScopes: { commandCenter: true },
    args: {
      tokenId: t.arg.string({
        required: true,
        description: 'The token’s id (its jti; Viewer.tokenId, or `pnpm -s token --revoke <token>`).',
      }),
      reason: t.arg.string({ required: true, description: 'Why, 1 to 500 characters.' }),
    },
    resolve: async (_root, { tokenId, reason }, context) => {
      const id = tokenId.trim();
      const why = checkReason(reason);
      const userErrors: UserError[] = [];
      if (!/^[\w-]{8,64}$/.test(id)) {
        userErrors.push(
          userError(['tokenId'], 'INVALID', {
            vi: 'Số hiệu của mã truy cập có từ 8 đến 64 ký tự: chữ cái không dấu, chữ số, dấu - hoặc _.',
            en: 'A token id has 8 to 64 letters, digits, - or _.',
          }),
        );
      }
      if (!why.ok) userErrors.push(why.error);
      if (!why.ok || userErrors.length > 0) return { revoked: false, userErrors };
      // The server keeps no list of the tokens it signed: a revocation lasts as long as the
      // longest token could.
      const revoked = await revoke({
        tokenId: id,
        expiresAt: Date.now() + MAX_TOKEN_DAYS * 86_400_000,
        reason: why.reason,
        revokedBy: context.auth?.subject ?? null,
      });
      if (revoked) await recordAudit(actorOf(context), 'REVOKE_TOKEN', id, null);
      return { revoked, userErrors: [] };
    },
  }),
);
