/** Tells a viewer (or anyone whose link was refused) why nothing on the canvas can be changed. */
export function ViewOnlyBadge({ reason, label }: { reason: string; label?: string | undefined }) {
  return (
    <span className="badge view-only-badge" data-testid="view-only-badge" title={reason}>
      {label ?? 'View only'}
    </span>
  )
}
