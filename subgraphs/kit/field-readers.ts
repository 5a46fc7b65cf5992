// Fields only some roles may read (issue 12, "answers that degrade by field"). Each such field
// declares its readers here once, at module level, and its resolver calls `check` first: a caller
// of another role gets null at that field's path and one FORBIDDEN error naming the roles that may
// read it (in Chinese and English, and as `extensions.allowedRoles`), while every other field of
// the response stands. The field is nullable in the SDL, or the null would spread to its parent.
// The registry lets a test walk every guarded field without anyone listing them.
import { GovCloudError, ErrorCode } from './errors';
import { ROLE_NAMES, Role, type Principal } from './principal';

export { ROLE_NAMES };

/** A field the caller's role may not read: FORBIDDEN at its path, naming who may. */
export class FieldForbiddenError extends GovCloudError {
  constructor(coordinate: string, roles: readonly Role[], caller: Role) {
    const names = roles.map((role) => `${ROLE_NAMES[role]} (${role})`).join('、');
    super(
      `${ROLE_NAMES[caller]} (${caller}) 无权读取 ${coordinate}，仅限 ${names} (only ${roles.join(', ')} may read ${coordinate})`,
      ErrorCode.FORBIDDEN,
      { field: coordinate, allowedRoles: [...roles] },
    );
  }
}

export interface FieldReaders {
  /** `Type.field`, as schema/CHANGELOG.md names it. */
  readonly coordinate: string;
  readonly roles: readonly Role[];
  /** Throws FieldForbiddenError unless the principal's role is one of `roles`. */
  check(principal: Principal): void;
}

const registry = new Map<string, FieldReaders>();

/** Declares who may read `coordinate` (`Query.overdueApplications`); call once, at module level. */
export function fieldReaders(coordinate: string, roles: readonly Role[]): FieldReaders {
  const readers: FieldReaders = {
    coordinate,
    roles,
    check(principal) {
      if (!roles.includes(principal.role)) throw new FieldForbiddenError(coordinate, roles, principal.role);
    },
  };
  registry.set(coordinate, readers);
  return readers;
}

/** Every field declared so far (the modules declaring them must have been loaded). */
export function guardedFields(): FieldReaders[] {
  return [...registry.values()];
}
