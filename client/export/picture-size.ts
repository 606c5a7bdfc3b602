/** How big a PNG export is: fitted for slides, for large screens, or at full detail. */
export type PictureSize = 'slides' | 'large' | 'full'

export interface Dimensions {
  width: number
  height: number
}

/** Pixels per board unit at full detail: sharp on high-density screens, but slow and heavy on a big board. */
const FULL_DETAIL_RATIO = 2

export const PICTURE_SIZES: ReadonlyArray<{ size: PictureSize; label: string; box: Dimensions | null }> = [
  { size: 'slides', label: 'Slides', box: { width: 1920, height: 1080 } },
  { size: 'large', label: 'Large', box: { width: 3840, height: 2160 } },
  { size: 'full', label: 'Full detail', box: null },
]

/** The default: a picture that fits a 1080p slide, quick to make even for the largest template. */
export const DEFAULT_PICTURE_SIZE: PictureSize = 'slides'

/**
 * Pixels per board unit for a picture of `area` (board units) at `size`: never more than full
 * detail, and small enough that the whole picture fits the size's box.
 */
export function pixelRatioFor(area: Dimensions, size: PictureSize): number {
  const box = PICTURE_SIZES.find((option) => option.size === size)?.box ?? null
  if (!box || area.width <= 0 || area.height <= 0) return FULL_DETAIL_RATIO
  return Math.min(FULL_DETAIL_RATIO, box.width / area.width, box.height / area.height)
}

/** The PNG's size in pixels for a picture of `area` at `size`, as the browser will draw it. */
export function pictureDimensions(area: Dimensions, size: PictureSize): Dimensions {
  const ratio = pixelRatioFor(area, size)
  return { width: Math.floor(area.width * ratio), height: Math.floor(area.height * ratio) }
}
