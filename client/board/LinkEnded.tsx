import { navigate } from '../router'

/**
 * The whole page when this tab's link no longer works: nothing of the board stays on screen to
 * look live (no canvas, presence, timer or session), only what happened and what to do.
 */
export function LinkEnded({ title }: { title: string }) {
  return (
    <main className="page page--centered link-ended" data-testid="link-ended">
      <div className="card message-card" role="alert">
        <h1>This link no longer works</h1>
        <p>
          The facilitator replaced the link you used to open <strong>{title}</strong>, so this page is no
          longer connected to the board or its live session.
        </p>
        <p>Ask the facilitator for the new link, then open it.</p>
        <div className="message-card__actions">
          <button type="button" className="button button--primary" onClick={() => navigate('/')}>
            Go to your boards
          </button>
        </div>
      </div>
    </main>
  )
}
