/** A board's storage quota: the bytes its update log and snapshot may take (BOARD_QUOTA_BYTES). */
export class BoardQuota {
  constructor(
    readonly limitBytes: number,
    private usedBytes: number,
  ) {}

  /** Whether a change of about `bytes` still fits. */
  admits(bytes: number): boolean {
    return this.usedBytes + bytes <= this.limitBytes
  }

  /** An update of `bytes` was appended. */
  stored(bytes: number): void {
    this.usedBytes += bytes
  }

  /** The log was folded into one snapshot of `bytes`. */
  compacted(bytes: number): void {
    this.usedBytes = bytes
  }

  get used(): number {
    return this.usedBytes
  }
}
