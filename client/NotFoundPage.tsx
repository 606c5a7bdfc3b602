import { navigate } from './router'

/** Shown for any path the app does not know. */
export function NotFoundPage() {
  return (
    <main className="page page--centered">
      <div className="card message-card">
        <h1>Nothing here</h1>
        <p>This address does not lead to a page or a board.</p>
        <button type="button" className="button button--primary" onClick={() => navigate('/')}>
          Go to the home page
        </button>
      </div>
    </main>
  )
}
