/**
 * The codes of the expected failures a client can act on, returned as data in a payload's
 * `userErrors` (API.md): every mutation's, whatever its feature.
 */
export type UserErrorCode =
  | 'INVALID'
  | 'NOT_FOUND'
  | 'OUT_OF_SCOPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'ALREADY_ENROLLED'
  | 'ALREADY_VOIDED'
  | 'CAMPAIGN_CLOSED';

/** An expected failure: the path of the input field at fault, a code, a message. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/** What every mutation's payload carries: empty when the mutation did what it was asked. */
export interface WithUserErrors {
  userErrors: UserError[];
}

export function userError(field: (string | number)[], code: UserErrorCode, message: string): UserError {
  return { field: field.map(String), code, message };
}
