import { describe, expect, it } from 'vitest'
import { pictureDimensions, pixelRatioFor } from '../../client/export/picture-size'

describe('PNG export sizes', () => {
  it('fits a wide board into a 1920×1080 slide, keeping its proportions', () => {
    expect(pictureDimensions({ width: 3965, height: 2320 }, 'slides')).toEqual({ width: 1845, height: 1080 })
    expect(pictureDimensions({ width: 4000, height: 1000 }, 'slides')).toEqual({ width: 1920, height: 480 })
  })

  it('fits the large size into 3840×2160', () => {
    expect(pictureDimensions({ width: 3965, height: 2320 }, 'large')).toEqual({ width: 3691, height: 2160 })
  })

  it('never draws more than two pixels per board unit, even for a small selection', () => {
    expect(pixelRatioFor({ width: 300, height: 200 }, 'slides')).toBe(2)
    expect(pictureDimensions({ width: 300, height: 200 }, 'slides')).toEqual({ width: 600, height: 400 })
  })

  it('draws full detail at two pixels per unit, however big the board', () => {
    expect(pictureDimensions({ width: 3965, height: 2320 }, 'full')).toEqual({ width: 7930, height: 4640 })
  })
})
