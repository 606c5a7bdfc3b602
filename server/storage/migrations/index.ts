import { initial } from './001-initial'
import { sessionRevision } from './002-session-revision'
import type { Migration } from './migration'

/** Every schema change, oldest first; SQLite and PostgreSQL apply the same list. */
export const MIGRATIONS: readonly Migration[] = [initial, sessionRevision]
