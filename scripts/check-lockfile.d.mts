// Types for scripts/check-lockfile.mjs (plain JavaScript so CI can run it before `npm ci`).
export const REGISTRY: string
export function registryTarball(name: string, version: string): string
export function lockfileProblems(pkg: unknown, lock: unknown): string[]
export function checkProject(dir: string): number
