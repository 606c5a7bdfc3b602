import './versions.css'
import type { ReactNode } from 'react'
import { navigate, navigateOnPlainClick } from '../router'

/** The frame of a saved version's page: a header (what this is, what you can do) over a read-only canvas. */
export function SavedViewLayout({
  title,
  detail,
  actions,
  notice,
  children,
}: {
  title: string
  detail: string
  actions: ReactNode
  notice?: ReactNode
  children: ReactNode
}) {
  return (
    <div className="saved-view" data-testid="saved-view">
      <header className="saved-view__bar">
        <a
          className="saved-view__home"
          href="/"
          title="All your boards"
          onClick={(event) => navigateOnPlainClick(event, '/')}
        >
          <span className="brand-mark" aria-hidden="true" />
          <span className="visually-hidden">Lockstep home</span>
        </a>
        <div className="saved-view__what">
          <h1 className="saved-view__title" data-testid="saved-view-title">
            {title}
          </h1>
          <span className="saved-view__detail muted" data-testid="saved-view-detail">
            {detail}
          </span>
        </div>
        <span className="badge view-only-badge">Read-only</span>
        <div className="saved-view__actions">{actions}</div>
      </header>
      {notice}
      <div className="saved-view__canvas">{children}</div>
    </div>
  )
}

/** A page-sized message for a version that cannot be shown, with the way home. */
export function SavedViewMessage({ title, detail }: { title: string; detail: string }) {
  return (
    <main className="page page--centered">
      <div className="card message-card" role="alert">
        <h1>{title}</h1>
        <p>{detail}</p>
        <button type="button" className="button button--primary" onClick={() => navigate('/')}>
          Go to the home page
        </button>
      </div>
    </main>
  )
}
