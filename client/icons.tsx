import type { ReactNode } from 'react'

/** A 16-unit line icon in the current text colour; decorative, so hidden from screen readers. */
function Icon({ children, size = 16 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  )
}

export const PlayIcon = () => (
  <Icon>
    <path d="M5 3.5v9l7-4.5z" fill="currentColor" />
  </Icon>
)

export const PauseIcon = () => (
  <Icon>
    <path d="M5.5 3.5v9M10.5 3.5v9" strokeWidth={2.2} />
  </Icon>
)

export const StepIcon = () => (
  <Icon>
    <path d="M3.5 3.5v9l6-4.5zM12.5 3.5v9" />
  </Icon>
)

export const BackIcon = () => (
  <Icon>
    <path d="M12.5 3.5v9l-6-4.5zM3.5 3.5v9" />
  </Icon>
)

export const ReplayIcon = () => (
  <Icon>
    <path d="M3 8a5 5 0 1 0 1.6-3.7M3 2.5v3h3" />
  </Icon>
)

export const ChevronDownIcon = () => (
  <Icon size={14}>
    <path d="M4 6l4 4 4-4" />
  </Icon>
)

export const ChevronRightIcon = () => (
  <Icon>
    <path d="M6 3.5l4.5 4.5L6 12.5" />
  </Icon>
)

export const BoltIcon = () => (
  <Icon>
    <path d="M9 1.8L3.8 9h4l-1 5.2L12.2 7h-4z" />
  </Icon>
)

export const CloseIcon = () => (
  <Icon size={14}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
)

/** The Simulation tab: a pulse line. */
export const SimulationIcon = () => (
  <Icon size={18}>
    <path d="M1.5 8.5h3l2-4.5 3 8 2-3.5h3" />
  </Icon>
)

/** The Session tab: two people. */
export const PeopleIcon = () => (
  <Icon size={18}>
    <circle cx="6" cy="5.5" r="2.3" />
    <path d="M1.8 13.5c.5-2.4 2.1-3.6 4.2-3.6s3.7 1.2 4.2 3.6" />
    <circle cx="11.3" cy="6.2" r="1.8" />
    <path d="M11.4 9.8c1.5.1 2.5 1.1 2.9 3.1" />
  </Icon>
)

/** The Article tab: an open book. */
export const ArticleIcon = () => (
  <Icon size={18}>
    <path d="M8 4c-1.6-1.2-3.8-1.6-6.2-1.4v9.6c2.4-.2 4.6.2 6.2 1.4 1.6-1.2 3.8-1.6 6.2-1.4V2.6C11.8 2.4 9.6 2.8 8 4zM8 4v9.6" />
  </Icon>
)
