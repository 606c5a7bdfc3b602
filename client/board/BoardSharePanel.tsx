import { useBoardUi } from './board-context'
import { NameEditor } from './NameEditor'
import { PresenceAvatars } from './PresenceAvatars'

/** Right of tldraw's top row: who is here, who you are, and the Share button. */
export function BoardSharePanel() {
  const { participants, selfId, openShare } = useBoardUi()
  return (
    <div className="share-panel">
      <PresenceAvatars participants={participants} selfId={selfId} />
      <NameEditor />
      <button type="button" className="button button--primary" onClick={openShare} data-testid="share-button">
        Share
      </button>
    </div>
  )
}
