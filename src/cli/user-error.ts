/** A mistake the user can fix (bad file, unknown model): printed as one line, exit code 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}
