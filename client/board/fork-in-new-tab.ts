import type { ForkBody } from '../../shared/protocol/saved-boards'
import { rememberNewBoard } from '../open-new-board'
import { forkBoard } from '../saved-boards-api'

export type ForkOutcome =
  | { kind: 'opened' }
  /** The browser refused a new tab: the copy exists, and this is its link to open by hand. */
  | { kind: 'blocked'; link: string }
  | { kind: 'failed'; message: string }

/**
 * Makes a copy of the board (or of one version) and opens it in a new tab, so whoever forks stays in
 * the live session. The tab is opened at once, while the click still counts as the person's own
 * (browsers block tabs opened after a network wait), and pointed at the copy once it exists.
 */
export async function forkIntoNewTab(
  boardId: string,
  token: string,
  body: ForkBody,
  origin: string,
): Promise<ForkOutcome> {
  const tab = window.open('', '_blank')
  const result = await forkBoard(boardId, token, body)
  if (!result.ok) {
    tab?.close()
    return { kind: 'failed', message: `No copy was made: ${result.failure.message}` }
  }
  const link = new URL(rememberNewBoard(result.value, origin), window.location.origin).href
  if (!tab || tab.closed) return { kind: 'blocked', link }
  tab.opener = null // the copy must not be able to steer this tab
  tab.location.href = link
  return { kind: 'opened' }
}
