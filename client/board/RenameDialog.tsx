import { LIMITS } from '../../shared/protocol/rest'
import { renameBoard } from '../saved-boards-api'
import { useBoardUi } from './board-context'
import { NameDialog } from './NameDialog'

/** Facilitators: give the board a new title; everyone on it sees the new one at once. */
export function RenameDialog({ onClose }: { onClose: () => void }) {
  const { boardId, token, title, retitle } = useBoardUi()
  return (
    <NameDialog
      title="Rename this board"
      intro="Everyone on the board sees the new name right away."
      label="Board name"
      initial={title}
      maxLength={LIMITS.titleChars}
      submitLabel="Rename"
      busyLabel="Renaming…"
      testId="rename-dialog"
      onClose={onClose}
      onSubmit={async (name) => {
        const result = await renameBoard(boardId, token, name)
        if (!result.ok) return `The board kept its name: ${result.failure.message}`
        retitle(result.value.title)
        return null
      }}
    />
  )
}
