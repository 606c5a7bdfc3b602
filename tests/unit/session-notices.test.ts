import { describe, expect, it } from 'vitest'
import { linkEnded } from '../../client/board/link-ended'
import { announcementSchema, sessionNoticeText } from '../../shared/protocol/session-notices'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'

describe('who did what, in words', () => {
  it('names the person and what they did', () => {
    expect(sessionNoticeText({ kind: 'version-restored', by: 'Ana', version: 'Before failover' })).toBe(
      'Ana restored the version ‘Before failover’.',
    )
    expect(sessionNoticeText({ kind: 'view-summoned', by: 'Ana' })).toBe(
      'Ana brought everyone’s view to theirs.',
    )
    expect(sessionNoticeText({ kind: 'role-changed', by: 'Ana', role: 'editor' })).toBe(
      'Ana made you an editor.',
    )
    expect(sessionNoticeText({ kind: 'role-changed', by: 'Ana', role: 'facilitator' })).toBe(
      'Ana made you a co-facilitator.',
    )
  })

  it('lets a page announce only a restore, with a version name of a sane length', () => {
    expect(
      announcementSchema.safeParse({ kind: 'version-restored', version: 'Before failover' }).success,
    ).toBe(true)
    expect(announcementSchema.safeParse({ kind: 'version-restored', version: ' ' }).success).toBe(false)
    expect(announcementSchema.safeParse({ kind: 'version-restored', version: 'x'.repeat(81) }).success).toBe(
      false,
    )
    expect(announcementSchema.safeParse({ kind: 'role-changed', by: 'Ana', role: 'editor' }).success).toBe(
      false,
    )
  })
})

describe('a link that stopped working', () => {
  it('is one the board refuses as replaced or unknown', () => {
    const refused = (code: number) => ({ kind: 'refused' as const, code, reason: 'no' })
    expect(linkEnded(refused(YJS_CLOSE.tokenRevoked))).toBe(true)
    expect(linkEnded(refused(YJS_CLOSE.badToken))).toBe(true)
    // the network, a deleted board or a refused change are other stories
    expect(linkEnded({ kind: 'offline' })).toBe(false)
    expect(linkEnded(refused(YJS_CLOSE.boardNotFound))).toBe(false)
    expect(linkEnded(refused(YJS_CLOSE.changeRefused))).toBe(false)
    expect(linkEnded({ kind: 'connected' })).toBe(false)
  })
})
