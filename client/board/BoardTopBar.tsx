import { SessionTimer } from '../facilitation/SessionTimer'
import { WorkshopSegmentBadge } from '../facilitation/WorkshopSegmentBadge'
import { useLiveSession } from '../session/session-context'
import { BoardMenu } from './BoardMenu'
import { useBoardUi } from './board-context'
import { ConnectionBadge } from './ConnectionBadge'
import { InsertTemplateButton } from './InsertTemplateButton'
import { ViewOnlyBadge } from './ViewOnlyBadge'

/**
 * Centre of tldraw's top row: the board's title (which opens the board menu), its connection state, "Templates"
 * for those who may edit and, for viewers, "View only".
 */
export function BoardTopBar() {
  const { title, role, canWrite, connection, openTemplatePicker } = useBoardUi()
  const live = useLiveSession().connection.session
  const lockedBy = role !== 'viewer' && live?.editingLocked ? (live.driver?.name ?? 'the facilitator') : null
  const viewOnlyReason =
    role === 'viewer'
      ? 'Your role lets you watch and follow, not edit.'
      : lockedBy
        ? 'The facilitator locked editing for everyone but facilitators.'
        : 'The server refused edits from this link.'
  return (
    <div className="board-bar">
      <a className="board-bar__home" href="/" title="All your boards">
        <span className="brand-mark" aria-hidden="true" />
        <span className="visually-hidden">Lockstep home</span>
      </a>
      <BoardMenu title={title} />
      <SessionTimer />
      <WorkshopSegmentBadge />
      <ConnectionBadge state={connection} canWrite={canWrite} />
      {canWrite ? (
        <InsertTemplateButton onClick={openTemplatePicker} />
      ) : (
        <ViewOnlyBadge
          reason={viewOnlyReason}
          label={lockedBy ? `Editing locked by ${lockedBy}` : undefined}
        />
      )}
    </div>
  )
}
