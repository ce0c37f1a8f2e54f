/** Serializes schema changes and content imports across API instances (a PostgreSQL advisory lock). */
export const MIGRATION_LOCK = 7_151_800;
