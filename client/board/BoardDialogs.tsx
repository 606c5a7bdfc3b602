import { assertNever } from '../../shared/protocol/roles'
import { ExportDialog } from '../export/ExportDialog'
import { navigate } from '../router'
import { SaveVersionDialog } from '../versions/SaveVersionDialog'
import { VersionsDialog } from '../versions/VersionsDialog'
import { type BoardDialogKind, useBoardUi } from './board-context'
import { DeleteBoardDialog } from './DeleteBoardDialog'
import { ForkDialog } from './ForkDialog'
import { RenameDialog } from './RenameDialog'

/** The Board menu's dialog that is open, if any (they read the board from context). */
export function BoardDialogs({ dialog, onClose }: { dialog: BoardDialogKind | null; onClose: () => void }) {
  const { boardId, token, title } = useBoardUi()
  const board = { boardId, token, title }
  if (dialog === null) return null
  switch (dialog) {
    case 'rename':
      return <RenameDialog onClose={onClose} />
    case 'save-version':
      return <SaveVersionDialog onClose={onClose} />
    case 'versions':
      return <VersionsDialog onClose={onClose} />
    case 'fork':
      return <ForkDialog {...board} onClose={onClose} />
    case 'export':
      return <ExportDialog onClose={onClose} />
    case 'delete':
      return <DeleteBoardDialog {...board} onClose={onClose} onDeleted={() => navigate('/')} />
    default:
      return assertNever(dialog)
  }
}
