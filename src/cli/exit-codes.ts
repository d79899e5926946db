/** Exit codes of `sia`: 0 = valid (warnings allowed), 1 = invalid input, 2 = usage or system error. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_ERROR = 2;

/** A usage error with a German message for the user. */
export class UsageError extends Error {}
