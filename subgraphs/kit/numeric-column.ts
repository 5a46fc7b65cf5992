import type { ValueTransformer } from 'typeorm';

// PostgreSQL returns numeric columns as strings to keep them exact. Scores, percentages and sizes
// are small enough to read as JavaScript numbers; money is not (keep it as integer fen or text).

/** TypeORM transformer for a NOT NULL numeric column read as a number. */
export const numberColumn: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string) => Number(value),
};

/** TypeORM transformer for a nullable numeric column read as a number or null. */
export const nullableNumberColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
