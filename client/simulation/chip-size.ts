/** A chip's box in CSS pixels, as overlay.css draws `.sim-chip` and `.sim-flow-chip` (12 px, 600). */
const CHIP_HEIGHT = 18
const CHIP_PADDING_X = 7
/** `.sim-chips` puts this much between the chips of one box. */
const CHIP_GAP = 4

let context: CanvasRenderingContext2D | null | undefined
const widths = new Map<string, number>()

/** The width of a chip's text in the chips' font, measured once per text. */
function textWidth(text: string): number {
  const known = widths.get(text)
  if (known !== undefined) return known
  if (context === undefined) {
    context = document.createElement('canvas').getContext('2d')
    const family = getComputedStyle(document.documentElement).getPropertyValue('--ls-font').trim()
    if (context) context.font = `600 12px ${family || 'sans-serif'}`
  }
  // without a canvas, a generous guess: 12 px text at 600 is rarely wider than 7.5 px a character
  const width = context ? context.measureText(text).width : text.length * 7.5
  widths.set(text, width)
  return width
}

/** The size of one chip showing `text`, in CSS pixels (rounded up: a chip may not overlap by a fraction). */
export function chipSize(text: string): { w: number; h: number } {
  return { w: Math.ceil(textWidth(text)) + 2 * CHIP_PADDING_X, h: CHIP_HEIGHT }
}

/** The size of a row of chips (a box's badges), in CSS pixels. */
export function chipRowSize(texts: readonly string[]): { w: number; h: number } {
  const w = texts.reduce((sum, text) => sum + chipSize(text).w, 0) + CHIP_GAP * Math.max(0, texts.length - 1)
  return { w, h: CHIP_HEIGHT }
}
