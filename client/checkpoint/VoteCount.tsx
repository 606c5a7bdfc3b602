import { useBoardUi } from '../board/board-context'
import { votedLine } from './vote-count'

/** For everyone while a question is open: how many have voted, never what they voted. */
export function VoteCount({ voteCount, anonymous }: { voteCount: number; anonymous: boolean }) {
  const { participants } = useBoardUi()
  return (
    <p className="checkpoint-card__turnout" data-testid="checkpoint-turnout" aria-live="polite">
      {votedLine(voteCount, participants.length)}
      {anonymous && (
        <span className="checkpoint-card__anonymous"> · anonymous: nobody sees who voted what</span>
      )}
    </p>
  )
}
