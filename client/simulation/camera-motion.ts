import { atom } from 'tldraw'

/**
 * Whether the board's camera is moving (and until it has rested a moment): set by the run overlay,
 * which watches the camera, and read by what can wait until it rests (the run's charts: a chart
 * redraw during a pan frame made the browser recompute the page's styles).
 */
export const cameraMoving = atom('lockstep camera moving', false)
