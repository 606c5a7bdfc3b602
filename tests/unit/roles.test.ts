import { describe, expect, it } from 'vitest'
import { canDriveSession, canEditBoard, isAtLeast, mayEditBoard } from '../../shared/protocol/roles'

describe('roles', () => {
  it('orders the three links by power', () => {
    expect(isAtLeast('facilitator', 'editor')).toBe(true)
    expect(isAtLeast('editor', 'editor')).toBe(true)
    expect(isAtLeast('editor', 'facilitator')).toBe(false)
    expect(isAtLeast('viewer', 'editor')).toBe(false)
    expect(isAtLeast('viewer', 'viewer')).toBe(true)
  })

  it('lets editors and facilitators edit, and only facilitators drive', () => {
    expect([canEditBoard('viewer'), canEditBoard('editor'), canEditBoard('facilitator')]).toEqual([
      false,
      true,
      true,
    ])
    expect([canDriveSession('viewer'), canDriveSession('editor'), canDriveSession('facilitator')]).toEqual([
      false,
      false,
      true,
    ])
  })

  it('keeps editors out while editing is locked, but never the facilitator', () => {
    const roles = ['viewer', 'editor', 'facilitator'] as const
    expect(roles.map((role) => mayEditBoard(role, false))).toEqual([false, true, true])
    expect(roles.map((role) => mayEditBoard(role, true))).toEqual([false, false, true])
  })
})
