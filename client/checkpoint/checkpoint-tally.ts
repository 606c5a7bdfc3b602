/** One bar of a checkpoint's distribution: its count and its share of all votes (0–1). */
export interface TallyBar {
  option: string
  count: number
  share: number
  expected: boolean
}

/** Bars for a checkpoint's results; empty when the results are not visible to this viewer. */
export function tallyBars(
  options: readonly string[],
  results: readonly number[] | null,
  answer: number | null,
): TallyBar[] {
  if (!results) return []
  const total = results.reduce((sum, n) => sum + n, 0)
  return options.map((option, i) => {
    const count = results[i] ?? 0
    return { option, count, share: total === 0 ? 0 : count / total, expected: answer === i }
  })
}

/** Reads a typed question: one option per non-empty line; an error in words when it cannot be opened. */
export function parseLiveQuestion(
  question: string,
  optionsText: string,
): { ok: true; question: string; options: string[] } | { ok: false; message: string } {
  const q = question.trim()
  const options = optionsText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
  if (q.length === 0) return { ok: false, message: 'Type a question first.' }
  if (options.length < 2) return { ok: false, message: 'Give at least two options, one per line.' }
  if (options.length > 6) return { ok: false, message: 'Six options at most.' }
  return { ok: true, question: q, options }
}

export const optionLetter = (i: number) => String.fromCharCode(65 + i)
