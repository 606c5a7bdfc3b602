import type { Migration } from './migration'

/**
 * The schema as it stood when migrations were numbered. SQLite keeps `IF NOT EXISTS` so a database
 * made before numbered migrations is adopted as it is (see adoptUnnumberedSqlite); timestamps are
 * ISO-8601 text in both engines so every store answers with the same strings.
 */
export const initial: Migration = {
  name: '001-initial',
  sqlite: `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  facilitator_hash TEXT NOT NULL,
  editor_hash TEXT NOT NULL,
  viewer_hash TEXT NOT NULL,
  sealed_for_facilitator TEXT NOT NULL,
  sealed_for_editor TEXT NOT NULL,
  origin_board_id TEXT,
  origin_version_id TEXT
);
CREATE TABLE IF NOT EXISTS board_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  is_snapshot INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS board_updates_by_board ON board_updates(board_id, seq);
CREATE TABLE IF NOT EXISTS board_versions (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state BLOB NOT NULL,
  thumbnail BLOB,
  kind TEXT NOT NULL DEFAULT 'manual'
);
CREATE INDEX IF NOT EXISTS board_versions_by_board ON board_versions(board_id, created_at);
CREATE TABLE IF NOT EXISTS board_thumbnails (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  png BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS publications (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  version_id TEXT NOT NULL REFERENCES board_versions(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  board_title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS session_states (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);`,
  postgres: `
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  facilitator_hash TEXT NOT NULL,
  editor_hash TEXT NOT NULL,
  viewer_hash TEXT NOT NULL,
  sealed_for_facilitator TEXT NOT NULL,
  sealed_for_editor TEXT NOT NULL,
  origin_board_id TEXT,
  origin_version_id TEXT
);
CREATE TABLE board_updates (
  seq BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  data BYTEA NOT NULL,
  is_snapshot BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);
CREATE TABLE board_versions (
  position BIGSERIAL,
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state BYTEA NOT NULL,
  thumbnail BYTEA,
  kind TEXT NOT NULL DEFAULT 'manual'
);
CREATE INDEX board_versions_by_board ON board_versions(board_id, created_at);
CREATE TABLE board_thumbnails (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  png BYTEA NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  version_id TEXT NOT NULL REFERENCES board_versions(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  board_title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE session_states (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);`,
}
