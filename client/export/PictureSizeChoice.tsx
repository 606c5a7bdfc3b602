import { type Dimensions, PICTURE_SIZES, type PictureSize, pictureDimensions } from './picture-size'

/** The PNG's size: each choice says how many pixels it makes of what is being exported. */
export function PictureSizeChoice({
  size,
  area,
  onChange,
}: {
  size: PictureSize
  /** What is being exported, in board units; null when there is nothing to draw. */
  area: Dimensions | null
  onChange: (size: PictureSize) => void
}) {
  return (
    <fieldset className="export-choice">
      <legend>Size</legend>
      {PICTURE_SIZES.map((option) => {
        const pixels = area ? pictureDimensions(area, option.size) : null
        return (
          <label key={option.size} className="export-option">
            <input
              type="radio"
              name="export-size"
              checked={size === option.size}
              onChange={() => onChange(option.size)}
              data-testid={`export-size-${option.size}`}
            />
            <span>{option.label}</span>
            <span className="muted">
              {pixels ? `${pixels.width} × ${pixels.height} px` : ''}
              {option.size === 'full' ? ' · slow on big boards' : ''}
            </span>
          </label>
        )
      })}
    </fieldset>
  )
}
