import type { Checkpoint } from '../../shared/scenarios/scenario-schema'
import { useLiveSession } from '../session/session-context'

const letter = (i: number) => String.fromCharCode(65 + i)

/** The step's predict-then-reveal question, shown to everyone (the live, votable card sits beside the controls). */
export function CheckpointCard({ checkpoint }: { checkpoint: Checkpoint }) {
  const { connection } = useLiveSession()
  // while the same question is live, the voting card beside the controls shows it
  if (connection.session?.checkpoint?.question === checkpoint.question) return null
  return (
    <section className="sim-checkpoint" data-testid="sim-checkpoint" aria-label="Checkpoint question">
      <p className="sim-eyebrow sim-checkpoint__eyebrow">Predict before the next step</p>
      <p className="sim-checkpoint__question">{checkpoint.question}</p>
      <ol className="sim-checkpoint__options">
        {checkpoint.options.map((option, i) => (
          <li key={option} className="sim-checkpoint__option">
            <span className="sim-checkpoint__letter" aria-hidden="true">
              {letter(i)}
            </span>
            {option}
          </li>
        ))}
      </ol>
    </section>
  )
}
