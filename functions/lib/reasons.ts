/** German reasons the functions record on jobs (users read them in `sia upload` and the app). */
export const INTERNAL_ERROR_REASON =
  'Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.';
export const DEAD_LETTER_REASON = 'Der Bericht konnte nach 3 Versuchen nicht erstellt werden.';
