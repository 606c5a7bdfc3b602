import { parse as parseYaml } from 'yaml'
import { ARTICLE_LENSES, type Article, articleFrontmatterSchema, PRACTICE_HEADING } from './article-schema'

export type ParsedArticle = { ok: true; article: Article } | { ok: false; problems: string[] }

/** A heading as an anchor id: "Failure modes" → "failure-modes". */
export function sectionId(heading: string): string {
  return heading
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** Splits `---` YAML frontmatter from a markdown article and the body into `## ` sections, checking both. */
export function parseArticle(source: string, fileName: string): ParsedArticle {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, '\n'))
  if (!match) return { ok: false, problems: [`${fileName}: must start with --- frontmatter ---`] }
  let raw: unknown
  try {
    raw = parseYaml(match[1] ?? '')
  } catch (error) {
    return { ok: false, problems: [`${fileName}: frontmatter is not YAML (${(error as Error).message})`] }
  }
  const front = articleFrontmatterSchema.safeParse(raw)
  if (!front.success) {
    return {
      ok: false,
      problems: front.error.issues.map((i) => `${fileName}: frontmatter.${i.path.join('.')}: ${i.message}`),
    }
  }
  const body = match[2] ?? ''
  const parts = body.split(/^## +/m)
  const intro = (parts.shift() ?? '').replace(/^# .*\n/, '').trim()
  const sections = parts.map((part) => {
    const newline = part.indexOf('\n')
    const heading = (newline === -1 ? part : part.slice(0, newline)).trim()
    return { id: sectionId(heading), heading, markdown: newline === -1 ? '' : part.slice(newline + 1).trim() }
  })
  const problems: string[] = []
  const headings = sections.map((s) => s.heading)
  let cursor = -1
  for (const lens of [...ARTICLE_LENSES, PRACTICE_HEADING]) {
    const at = headings.indexOf(lens)
    if (at === -1) problems.push(`${fileName}: missing section "## ${lens}"`)
    else if (at < cursor) problems.push(`${fileName}: "## ${lens}" is out of order`)
    else cursor = at
  }
  const expectedId = fileName.replace(/^.*\//, '').replace(/\.md$/, '')
  if (front.data.id !== expectedId)
    problems.push(`${fileName}: id "${front.data.id}" must match the file name`)
  if (problems.length > 0) return { ok: false, problems }
  const wordCount = body.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length
  return { ok: true, article: { ...front.data, intro, sections, wordCount } }
}
