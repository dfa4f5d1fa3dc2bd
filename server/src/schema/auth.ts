import { actorOf, recordAudit } from '../audit.ts';
import type { Auth } from '../auth/authenticate.ts';
import { type RevokeResult, revokeTokens } from '../auth/tokenAdmin.ts';
import { roles } from '../auth/tokens.ts';
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
          COMMAND_CENTER:
            'The campaign command centre (ban chỉ đạo): everything; with a unit, management inside that subtree only, and personal data of that subtree only.',
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

const RevokeTokenPayload = builder.objectRef<RevokeResult>('RevokeTokenPayload').implement({
  description: 'The answer to a revocation.',
  fields: (t) => ({
    revoked: t.exposeBoolean('revoked', {
      description:
        'True when this call revoked a token; false when it (or every token of the officer) was revoked before: nothing changed.',
    }),
    count: t.exposeInt('count', {
      description: 'How many tokens this call revoked: 0 or 1 by token id, any number by officer.',
    }),
    userErrors: userErrorsField(t),
  }),
});

builder.mutationField('revokeToken', (t) =>
  t.field({
    type: RevokeTokenPayload,
    description:
      'Revoke a token (thu hồi), for the command centre, e.g. of a lost phone: from now on every instance refuses it, its open WebSockets are closed with 4403 and its server-sent event streams end with an UNAUTHENTICATED error. Give tokenId, or officerCode to revoke every token the app issued to that officer. A scoped command centre revokes the registered tokens of its subtree only (OUT_OF_SCOPE otherwise).',
    authScopes: { commandCenter: true },
    args: {
      tokenId: t.arg.string({
        description: 'The token’s id (its jti; Viewer.tokenId, or `pnpm -s token --revoke <token>`).',
      }),
      officerCode: t.arg.string({
        description: 'Instead of tokenId: an officer, every one of whose registered tokens is revoked.',
      }),
      reason: t.arg.string({ required: true, description: 'Why, 1 to 500 characters.' }),
    },
    resolve: async (_root, { tokenId, officerCode, reason }, context) => {
      const id = tokenId?.trim() ?? null;
      const officer = officerCode?.trim() || null;
      const why = checkReason(reason);
      const userErrors: UserError[] = [];
      if ((id === null) === (officer === null)) {
        userErrors.push(
          userError(['tokenId'], 'INVALID', {
            vi: 'Hãy ghi đúng một trong hai: số hiệu mã truy cập (tokenId) hoặc mã cán bộ (officerCode).',
            en: 'Give exactly one of tokenId and officerCode.',
          }),
        );
      } else if (id !== null && !/^[\w-]{8,64}$/.test(id)) {
        userErrors.push(
          userError(['tokenId'], 'INVALID', {
            vi: 'Số hiệu của mã truy cập có từ 8 đến 64 ký tự: chữ cái không dấu, chữ số, dấu - hoặc _.',
            en: 'A token id has 8 to 64 letters, digits, - or _.',
          }),
        );
      }
      if (!why.ok) userErrors.push(why.error);
      if (!why.ok || userErrors.length > 0) return { revoked: false, count: 0, userErrors };
      const result: RevokeResult = await revokeTokens(context.auth, {
        tokenId: id,
        officerCode: officer,
        reason: why.reason,
      });
      if (result.count > 0)
        await recordAudit(
          actorOf(context),
          'REVOKE_TOKEN',
          id ?? officer,
          officer ? { revoked: result.count } : null,
        );
      return result;
    },
  }),
);
