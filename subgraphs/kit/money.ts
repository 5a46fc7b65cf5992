// Money is yuan with two decimals. It is compared and stored exactly: as integer fen (分) in code,
// numeric(12,2) in PostgreSQL, a "380.00" string in GraphQL. Never a float.
import { BadUserInputError } from './errors';

/** numeric(12,2): at most ten digits before the point. */
const YUAN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** Integer fen from a yuan string, or null when the text is not a plain non-negative amount. */
export function yuanToFen(text: string): number | null {
  const match = YUAN.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** A yuan string with two decimals, e.g. 38000 → "380.00". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

export interface MoneyOptions {
  /** Zero allowed (a free service); caps must be positive. */
  allowZero?: boolean;
}

/** Validates a money argument and returns it in fen. */
export function parseMoney(text: string, field: string, label: string, options: MoneyOptions = {}): number {
  const fen = typeof text === 'string' ? yuanToFen(text.trim()) : null;
  if (fen === null) {
    throw new BadUserInputError(`${label}（${field}）须为以元为单位、最多两位小数的非负金额，如 "380.00"`, field);
  }
  if (fen === 0 && !options.allowZero) throw new BadUserInputError(`${label}（${field}）须大于 0`, field);
  return fen;
}

/** TypeORM transformer: numeric(12,2) text from PostgreSQL ⇄ integer fen in entities. */
export const fenColumn = {
  to: (fen: number | null | undefined): string | null | undefined => (fen === null || fen === undefined ? fen : fenToYuan(fen)),
  from: (value: string | null): number | null => {
    if (value === null) return null;
    const fen = yuanToFen(value);
    if (fen === null) throw new RangeError(`unexpected numeric value from the database: ${value}`);
    return fen;
  },
};
