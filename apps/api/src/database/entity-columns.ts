import { getMetadataArgsStorage } from 'typeorm';

/**
 * The columns an entity class declares, from its decorators: each property and the column it
 * maps to (TypeORM's default naming: the `name` option, else the property). Repositories build
 * their column lists and row types from this, so a column added to an entity (and its
 * migration) is read with no list to edit by hand.
 */
export function entityColumns(entity: abstract new () => object): { property: string; column: string }[] {
  return getMetadataArgsStorage()
    .filterColumns(entity)
    .map((c) => ({ property: c.propertyName, column: c.options.name ?? c.propertyName }));
}

/**
 * `alias.column as "property"` for each column, so rows come back keyed like the entity;
 * with `keyPrefix`, keyed `keyPrefix + property` (a second row of the same table in one result).
 */
export function selectList(columns: { property: string; column: string }[], alias?: string, keyPrefix = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return columns
    .map(({ property, column }) =>
      property === column && !keyPrefix ? `${prefix}${column}` : `${prefix}${column} as "${keyPrefix}${property}"`,
    )
    .join(', ');
}
