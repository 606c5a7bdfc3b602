import type { Random } from '../../random'

/**
 * An Exp(1) draw by von Neumann's method: comparisons of uniforms only, no Math.log, so every
 * JavaScript engine draws the same value. A run U₁ > U₂ > … > Uₙ of falling uniforms has odd
 * length with probability e^(−U₁); an odd run returns k + U₁, an even one adds 1 to k and starts
 * again. About 4.3 uniforms per draw.
 */
export function drawExponential(random: Random): number {
  let whole = 0
  for (;;) {
    const first = random.float()
    let previous = first
    let run = 1
    for (;;) {
      const next = random.float()
      if (next >= previous) break
      previous = next
      run++
    }
    if (run % 2 === 1) return whole + first
    whole++
  }
}

/** An exponential duration with mean `meanUs`, in whole microseconds. */
export function drawDurationUs(random: Random, meanUs: number): number {
  return Math.floor(drawExponential(random) * meanUs)
}
