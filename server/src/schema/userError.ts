import { builder } from '../builder.ts';
import type { UserError, WithUserErrors } from '../userErrors.ts';

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input that the sender can fix (lỗi dữ liệu). Nothing was stored.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the input field at fault, e.g. ["input", "citizenId"].',
    }),
    message: t.string({
      description:
        'What is wrong and where, in Vietnamese; in English when the request prefers en (HTTP: Accept-Language; WebSocket: "language": "en" in the connection_init payload).',
      resolve: (error, _args, context) => error.message[context.language],
    }),
    code: t.exposeString('code', {
      description:
        'Stable, never translated: INVALID, NOT_FOUND, OUT_OF_SCOPE, IDEMPOTENCY_KEY_REUSED (the key was used for other content), ALREADY_ENROLLED (the person is already enrolled in the scheme), ALREADY_VOIDED, COVER_RENEWED (a void of a cover that a counted renewal extends: void the renewal first), CAMPAIGN_CLOSED (after its grace, or closed by the command centre), ALREADY_USED or EXPIRED (a one-time sign-in code).',
    }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** A payload's `userErrors` field, the same in every payload but for what its description says. */
export function userErrorsField<Payload extends WithUserErrors>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Payload>,
  description = 'What is wrong with the input; empty on success.',
) {
  return t.field({ type: [UserErrorRef], description, resolve: (payload) => payload.userErrors });
}
