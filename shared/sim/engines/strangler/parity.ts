/** One system's answer to "show my invoice": the two systems' outputs are the checker's inputs. */
export interface InvoiceAnswer {
  paid: boolean
  amountCents: number
  /** Each system formats its timestamp its own way: a harmless difference. */
  renderedAt: string
}

/** What the parity checker concluded about one mirrored request. */
export type ParityVerdict = 'same' | 'harmless' | 'real'

/**
 * Compares the legacy and the new answer to one mirrored request. Without normalisation, any
 * difference counts; with it, known harmless fields (timestamps) are ignored and only a
 * difference in what the customer is told (paid, amount) is real.
 */
export function compareAnswers(
  legacy: InvoiceAnswer,
  next: InvoiceAnswer,
  normalise: boolean,
): ParityVerdict {
  const real = legacy.paid !== next.paid || legacy.amountCents !== next.amountCents
  if (real) return 'real'
  if (legacy.renderedAt === next.renderedAt) return 'same'
  return normalise ? 'same' : 'harmless'
}

/** Legacy renders local time with a 12-hour clock; the new module renders ISO-style UTC. */
export function renderTime(system: 'legacy' | 'new', tick: number): string {
  return system === 'legacy' ? `${((tick + 11) % 12) + 1}:00 ${tick % 24 < 12 ? 'AM' : 'PM'}` : `T${tick}Z`
}
