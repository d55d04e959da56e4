/**
 * The shape every field validator in this folder returns. Validators never throw on bad user input: a form shows
 * `errors` (the value cannot be saved) and `warnings` (it can, but someone should look), and stores `normalized`.
 */
export interface ValidationIssue<TCode extends string = string> {
  /** Stable SCREAMING_SNAKE code that clients may branch on. */
  code: TCode;
  /** Plain-English sentence naming the rule that is broken, for showing to the user. */
  message: string;
}

export interface ValidationResult<TCode extends string = string, TWarning extends string = never> {
  valid: boolean;
  /** The canonical form to store when valid; otherwise the cleaned-up input, so a form can echo it back. */
  normalized: string;
  errors: ValidationIssue<TCode>[];
  warnings: ValidationIssue<TWarning>[];
}

/** One issue; a small helper so validators read as a list of rules. */
export function issue<TCode extends string>(code: TCode, message: string): ValidationIssue<TCode> {
  return { code, message };
}

/** Describes a character for a message, so invisible or confusable input is still readable ("space", "'@'"). */
export function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/\s/.test(ch)) return 'a whitespace character';
  return `'${ch}'`;
}

/** "1st", "2nd", "13th": positions in messages are 1-based because users count that way. */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}
