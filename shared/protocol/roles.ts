import { z } from 'zod'

/** The three capabilities a board link can carry (DESIGN.md §5). */
export const roleSchema = z.enum(['facilitator', 'editor', 'viewer'])
export type Role = z.infer<typeof roleSchema>

const POWER: Record<Role, number> = { viewer: 0, editor: 1, facilitator: 2 }

/** Whether `role` can do at least what `minimum` can (facilitator ⊃ editor ⊃ viewer). */
export function isAtLeast(role: Role, minimum: Role): boolean {
  return POWER[role] >= POWER[minimum]
}

/**
 * Who may change the board now, the one rule for the server (which drops what breaks it) and the
 * client (which stays read-only): facilitators always; editors unless the facilitator locked
 * editing; viewers never.
 */
export function mayEditBoard(role: Role, editingLocked: boolean): boolean {
  return role === 'facilitator' || (canEditBoard(role) && !editingLocked)
}

/** Whether a participant with this role may change the board's content (lock aside). */
export function canEditBoard(role: Role): boolean {
  switch (role) {
    case 'facilitator':
    case 'editor':
      return true
    case 'viewer':
      return false
    default:
      return assertNever(role)
  }
}

/** Whether a participant with this role may drive the live session. */
export function canDriveSession(role: Role): boolean {
  return role === 'facilitator'
}

/** Compile-time exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`)
}
