import './checkpoint.css'
import { useState } from 'react'
import { canDriveSession } from '../../shared/protocol/roles'
import type { SessionIntent } from '../../shared/session/intents'
import { useBoardUi } from '../board/board-context'
import { useLiveSession } from '../session/session-context'
import { optionLetter, parseLiveQuestion, tallyBars } from './checkpoint-tally'
import { VoteCount } from './VoteCount'

/** Sends an intent and keeps the server's refusal, in words, for the card to show. */
function useIntent(): { send: (intent: SessionIntent) => void; error: string | null } {
  const { connection } = useLiveSession()
  const [error, setError] = useState<string | null>(null)
  const send = (intent: SessionIntent) => {
    setError(null)
    void connection.sendIntent(intent).then((ack) => {
      if (!ack.ok) setError(ack.message)
    })
  }
  return { send, error }
}

/**
 * The open checkpoint, for everyone: vote (changeable until the reveal); the facilitator sees the
 * count grow and reveals or closes; after the reveal everyone sees the distribution.
 */
export function LiveCheckpoint() {
  const { role } = useBoardUi()
  const { connection } = useLiveSession()
  const { send, error } = useIntent()
  const checkpoint = connection.session?.checkpoint ?? null
  const facilitator = canDriveSession(connection.session?.yourRole ?? role)
  if (!checkpoint) return null
  const revealed = checkpoint.status === 'revealed'
  const bars = tallyBars(checkpoint.options, checkpoint.results, checkpoint.answer)
  const votes = `${checkpoint.voteCount} ${checkpoint.voteCount === 1 ? 'vote' : 'votes'}`

  return (
    <section
      className="checkpoint-card"
      data-testid="checkpoint-card"
      data-status={checkpoint.status}
      aria-label="Checkpoint question"
    >
      <p className="checkpoint-card__eyebrow">{revealed ? 'Revealed' : 'Predict, then reveal'}</p>
      <p className="checkpoint-card__question">{checkpoint.question}</p>
      {!revealed && (
        <div className="checkpoint-card__options">
          {checkpoint.options.map((option, i) => (
            <button
              key={option}
              type="button"
              className="checkpoint-card__option"
              aria-pressed={checkpoint.myVote === i}
              onClick={() => send({ type: 'vote', checkpointId: checkpoint.id, option: i })}
              data-testid={`checkpoint-option-${i}`}
            >
              <span className="checkpoint-card__letter" aria-hidden="true">
                {optionLetter(i)}
              </span>
              <span className="checkpoint-card__option-text">{option}</span>
              {bars[i] && (
                <span className="checkpoint-card__live-count" data-testid={`checkpoint-live-count-${i}`}>
                  {bars[i].count}
                </span>
              )}
            </button>
          ))}
        </div>
      )}
      {!revealed && <VoteCount voteCount={checkpoint.voteCount} anonymous={checkpoint.anonymous} />}
      {!revealed && checkpoint.myVote !== null && (
        <p className="checkpoint-card__hint" data-testid="checkpoint-voted">
          Vote counted. You can change it until the reveal.
        </p>
      )}
      {revealed && bars.length > 0 && (
        <ol className="checkpoint-card__bars" data-testid="checkpoint-results">
          {bars.map((bar, i) => (
            <li
              key={bar.option}
              className="checkpoint-bar"
              data-expected={bar.expected || undefined}
              data-mine={checkpoint.myVote === i || undefined}
            >
              <span className="checkpoint-bar__label">
                <span className="checkpoint-card__letter" aria-hidden="true">
                  {optionLetter(i)}
                </span>
                {bar.option}
                {bar.expected && <span className="checkpoint-bar__expected"> · expected</span>}
                {checkpoint.myVote === i && <span className="checkpoint-bar__mine"> · your vote</span>}
              </span>
              <span className="checkpoint-bar__track">
                <span className="checkpoint-bar__fill" style={{ width: `${Math.round(bar.share * 100)}%` }} />
              </span>
              <span className="checkpoint-bar__count" data-testid={`checkpoint-count-${i}`}>
                {bar.count}
              </span>
            </li>
          ))}
        </ol>
      )}
      {revealed && checkpoint.answer !== null && (
        <p className="checkpoint-card__answer" data-testid="checkpoint-answer">
          Expected answer: {optionLetter(checkpoint.answer)} — {checkpoint.options[checkpoint.answer]}
        </p>
      )}
      {facilitator && (
        <div className="checkpoint-card__facilitator">
          <span className="checkpoint-card__count" data-testid="checkpoint-vote-count">
            {votes}
          </span>
          {!revealed && (
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => send({ type: 'checkpoint:reveal' })}
              data-testid="checkpoint-reveal"
            >
              Reveal
            </button>
          )}
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => send({ type: 'checkpoint:close' })}
            data-testid="checkpoint-close"
          >
            Close
          </button>
        </div>
      )}
      {error && (
        <p className="checkpoint-card__error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

/** The facilitator's form for a question typed live: a question and 2–6 options, one per line. */
export function LiveQuestionForm() {
  const { send, error } = useIntent()
  const [open, setOpen] = useState(false)
  const [question, setQuestion] = useState('')
  const [options, setOptions] = useState('')
  const [anonymous, setAnonymous] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  if (!open) {
    return (
      <button
        type="button"
        className="button button--small"
        onClick={() => setOpen(true)}
        data-testid="checkpoint-new"
      >
        Ask a question
      </button>
    )
  }
  return (
    <form
      className="checkpoint-form"
      data-testid="checkpoint-form"
      onSubmit={(event) => {
        event.preventDefault()
        const parsed = parseLiveQuestion(question, options)
        if (!parsed.ok) {
          setProblem(parsed.message)
          return
        }
        setProblem(null)
        send({ type: 'checkpoint:open', question: parsed.question, options: parsed.options, anonymous })
        setOpen(false)
        setQuestion('')
        setOptions('')
        setAnonymous(false)
      }}
    >
      <label className="checkpoint-form__field">
        Question
        <input
          value={question}
          maxLength={200}
          onChange={(e) => setQuestion(e.target.value)}
          data-testid="checkpoint-question-input"
        />
      </label>
      <label className="checkpoint-form__field">
        Options, one per line (2–6)
        <textarea
          rows={4}
          value={options}
          onChange={(e) => setOptions(e.target.value)}
          data-testid="checkpoint-options-input"
        />
      </label>
      <label className="checkpoint-form__check">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
          data-testid="checkpoint-anonymous"
        />
        Anonymous: nobody, you included, sees who voted what
      </label>
      {(problem ?? error) && (
        <p className="checkpoint-card__error" role="alert">
          {problem ?? error}
        </p>
      )}
      <div className="checkpoint-form__actions">
        <button type="submit" className="button button--primary button--small" data-testid="checkpoint-open">
          Open for votes
        </button>
        <button type="button" className="button button--small button--quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
