import { z } from 'zod'
import { askedQuestion, askedQuestionSchema, shownStepSchema } from './session-history'
import type { SessionState } from './session-state'

/** The end-of-session summary a facilitator downloads: who came, what was asked and shown. */
export const sessionSummarySchema = z.object({
  boardTitle: z.string(),
  /** When it was made (ISO 8601, server clock). */
  madeAt: z.string(),
  attendees: z.array(z.string()),
  questions: z.array(askedQuestionSchema),
  steps: z.array(shownStepSchema),
})
export type SessionSummary = z.infer<typeof sessionSummarySchema>

/** The summary of a session so far; the question still on screen counts too. */
export function summarizeSession(state: SessionState, boardTitle: string, now: number): SessionSummary {
  const { attendees, questions, steps, voterNames } = state.history
  const open = state.checkpoint ? [askedQuestion(state.checkpoint, voterNames)] : []
  return {
    boardTitle,
    madeAt: new Date(now).toISOString(),
    attendees,
    questions: [...questions, ...open],
    steps,
  }
}

/** Text typed by people, made safe to drop into Markdown (no stray emphasis, links or tables). */
export function markdownText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]#<>|!~])/g, '\\$1')
}

const letter = (i: number) => String.fromCharCode(65 + i)
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The summary as a Markdown document: attendance, each question with its votes, the steps shown. */
export function summaryMarkdown(summary: SessionSummary): string {
  const lines = [`# ${markdownText(summary.boardTitle)} — session summary`, '', `Made ${summary.madeAt}.`, '']
  lines.push(`## Who attended (${summary.attendees.length})`, '')
  if (summary.attendees.length === 0) lines.push('Nobody was recorded.')
  for (const name of summary.attendees) lines.push(`- ${markdownText(name)}`)
  lines.push('', `## Questions (${summary.questions.length})`, '')
  if (summary.questions.length === 0) lines.push('No questions were asked.')
  summary.questions.forEach((q, n) => {
    const total = q.counts.reduce((sum, c) => sum + c, 0)
    const kind = q.anonymous ? ', anonymous' : ''
    lines.push(
      `### ${n + 1}. ${markdownText(q.question)}`,
      '',
      `${plural(total, 'vote', 'votes')}${kind}.`,
      '',
    )
    q.options.forEach((option, i) => {
      const expected = q.answer === i ? ' (expected)' : ''
      const voters = q.ballots.filter((b) => b.option === i).map((b) => markdownText(b.name))
      const who = voters.length > 0 ? ` — ${voters.join(', ')}` : ''
      lines.push(`- ${letter(i)}. ${markdownText(option)}: ${q.counts[i] ?? 0}${expected}${who}`)
    })
    lines.push('')
  })
  if (summary.questions.length === 0) lines.push('')
  lines.push(`## Simulation steps shown (${summary.steps.length})`, '')
  if (summary.steps.length === 0) lines.push('No simulation was run.')
  for (const s of summary.steps) {
    lines.push(`- ${markdownText(s.scenarioTitle)}, step ${s.step + 1}: ${markdownText(s.title)}`)
  }
  return `${lines.join('\n')}\n`
}

/** A file name for the download: the title's letters and digits, then the day. */
export function summaryFileName(summary: SessionSummary): string {
  const base = summary.boardTitle
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'session'}-summary-${summary.madeAt.slice(0, 10)}.md`
}
