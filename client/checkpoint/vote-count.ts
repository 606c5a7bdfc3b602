/**
 * "3 of 5 voted": the votes so far out of the people here now. Someone who voted and left still
 * counts as voted, so the line never says more voted than could have.
 */
export function votedLine(voteCount: number, present: number): string {
  return `${voteCount} of ${Math.max(present, voteCount)} voted`
}
