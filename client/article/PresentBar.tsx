export interface PresentBarProps {
  facilitator: boolean
  presentation: { articleId: string; sectionId: string } | null
  following: boolean
  driverName: string
  canPresent: boolean
  present: () => void
  stop: () => void
  detach: () => void
  backToLive: () => void
}

/** "Present" / "Stop presenting" for the facilitator; "Following Ana · Detach" for everyone else. */
export function PresentBar(props: PresentBarProps) {
  const { facilitator, presentation, following, driverName } = props
  if (facilitator) {
    return presentation ? (
      <div className="present-bar present-bar--live" data-testid="present-bar">
        <span className="present-bar__dot" aria-hidden="true" />
        <span className="present-bar__text">Presenting to everyone</span>
        <button
          type="button"
          className="button button--small"
          onClick={props.stop}
          data-testid="article-stop"
        >
          Stop presenting
        </button>
      </div>
    ) : (
      <div className="present-bar" data-testid="present-bar">
        <span className="present-bar__text">Everyone reads on their own</span>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={!props.canPresent}
          onClick={props.present}
          data-testid="article-present"
        >
          Present
        </button>
      </div>
    )
  }
  if (!presentation) return null
  return following ? (
    <div className="present-bar present-bar--live" data-testid="present-bar">
      <span className="present-bar__dot" aria-hidden="true" />
      <span className="present-bar__text" data-testid="article-following">
        Following {driverName}
      </span>
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={props.detach}
        data-testid="article-detach"
      >
        Detach
      </button>
    </div>
  ) : (
    <div className="present-bar" data-testid="present-bar">
      <span className="present-bar__text">Reading on your own</span>
      <button
        type="button"
        className="button button--small"
        onClick={props.backToLive}
        data-testid="article-back-to-live"
      >
        Back to live
      </button>
    </div>
  )
}
