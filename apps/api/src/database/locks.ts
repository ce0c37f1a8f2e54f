/** Serializes schema changes and content imports across API instances (a PostgreSQL advisory lock). */
export const MIGRATION_LOCK = 7_151_800;
/** One crisis-alert sweep at a time across API instances, so each alert goes out once (ADR 021). */
export const CRISIS_ALERT_LOCK = 7_151_801;
