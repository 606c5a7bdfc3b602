import { initial } from './001-initial'
import type { Migration } from './migration'

/** Every schema change, oldest first; SQLite and PostgreSQL apply the same list. */
export const MIGRATIONS: readonly Migration[] = [initial]
