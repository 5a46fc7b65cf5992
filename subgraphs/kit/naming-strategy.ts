import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm';

/** `providerId` → `provider_id`, `fileSHA256` → `file_sha256` (TypeORM's own snake-casing rule). */
export function snakeCase(name: string): string {
  return name
    .replaceAll(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replaceAll(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Our tables' columns are snake_case: a column without an explicit `name:` gets the snake case of
 * its property (behind its embedded prefixes), so entities need not repeat it. An explicit name wins.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    const name = customName || snakeCase(propertyName);
    return embeddedPrefixes.length ? [...embeddedPrefixes.map(snakeCase), name].join('_') : name;
  }
}
