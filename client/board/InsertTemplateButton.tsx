/** "Templates" in the board's bar: opens the picker that adds a template to the board. */
export function InsertTemplateButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      className="button button--small board-bar__templates"
      onClick={onClick}
      title="Add a template to this board"
      data-testid="insert-template-button"
    >
      <svg width="15" height="15" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor">
        <rect x="1.75" y="1.75" width="5" height="5" rx="1.25" strokeWidth="1.5" />
        <rect x="9.25" y="1.75" width="5" height="5" rx="1.25" strokeWidth="1.5" />
        <rect x="1.75" y="9.25" width="5" height="5" rx="1.25" strokeWidth="1.5" />
        <path d="M11.75 9v5.5M9 11.75h5.5" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      Templates
    </button>
  )
}
