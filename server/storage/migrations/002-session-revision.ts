import type { Migration } from './migration'

/**
 * A revision per stored session, advanced by every write: instances commit a session change only
 * if the revision is still the one they read (compare-and-set), so two authorities never both win.
 */
export const sessionRevision: Migration = {
  name: '002-session-revision',
  sqlite: `ALTER TABLE session_states ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;`,
  postgres: `ALTER TABLE session_states ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;`,
}
