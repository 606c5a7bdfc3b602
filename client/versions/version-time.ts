/** When a version was made, as people read it (in their own locale and time zone). */
export function versionTime(createdAt: string): string {
  const at = new Date(createdAt)
  return Number.isNaN(at.getTime()) ? createdAt : at.toLocaleString()
}
