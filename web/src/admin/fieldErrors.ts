/** A userError as every payload carries it (API.md). */
export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code: string;
}

/**
 * The errors of a payload by the input field they name (["input", "name"] → "name"), so each is
 * shown next to its field; those naming no field of the form are under "".
 */
export function errorsByField(
  errors: readonly UserError[],
  fields: readonly string[],
): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const error of errors) {
    const path = error.field ?? [];
    const name = path[0] === 'input' ? path[1] : path[0];
    const key = name && fields.includes(name) ? name : '';
    const messages = byField.get(key) ?? [];
    // The server may find one fault twice (a name missing and too short): say it once.
    if (!messages.includes(error.message)) byField.set(key, [...messages, error.message]);
  }
  return byField;
}
