import type { UserError, UserErrorCode } from './enrolments/submitEnrolment.ts';

/** An expected failure, returned as data: the path of the input field at fault, a code, a message. */
export function userError(field: (string | number)[], code: UserErrorCode, message: string): UserError {
  return { field: field.map(String), code, message };
}
