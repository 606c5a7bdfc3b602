import { describe, expect, it } from 'vitest'
import { boardIdFromPath, boardLink, tokenFromFragment } from '../../shared/protocol/links'

const ID = 'aSrk3zXlCxbY5ExIy_upJQ'
const TOKEN = 'IUo0WNIyJpJo_SdTEqHcuQ'

describe('capability links', () => {
  it('keeps the token in the fragment, never in the path', () => {
    expect(boardLink(ID, TOKEN)).toBe(`/b/${ID}#k=${TOKEN}`)
  })
  it('reads the board id from a board path and nothing else', () => {
    expect(boardIdFromPath(`/b/${ID}`)).toBe(ID)
    expect(boardIdFromPath(`/b/${ID}/`)).toBe(ID)
    expect(boardIdFromPath('/b/short')).toBeNull()
    expect(boardIdFromPath(`/x/${ID}`)).toBeNull()
    expect(boardIdFromPath('/')).toBeNull()
  })
  it('reads the token from the fragment and rejects anything malformed', () => {
    expect(tokenFromFragment(`#k=${TOKEN}`)).toBe(TOKEN)
    expect(tokenFromFragment(`k=${TOKEN}`)).toBe(TOKEN)
    expect(tokenFromFragment('#k=<script>')).toBeNull()
    expect(tokenFromFragment('')).toBeNull()
  })
})
