import { randomStream } from '../../random'

/** A row as the upstream system sends it: column names are data, so a renamed column is real. */
export type RawRow = Record<string, string | number | null>

/** What bronze remembers of one landed batch; its rows can be regenerated from the seed. */
export interface BronzeBatch {
  index: number
  /** The day the batch's new orders belong to (an earlier day for late data). */
  day: number
  /** Order number of the batch's first new order; new orders are numbered consecutively. */
  firstOrder: number
  newOrders: number
  rows: number
  /** Rows were sent with the drifted schema (the amount column renamed). */
  drifted: boolean
}

export interface RecordShape {
  batchSize: number
  dirtyShare: number
  duplicateShare: number
  customers: number
}

/** The column the upstream team renames in the schema-drift failure. */
export const DRIFTED_COLUMN = { from: 'amount', to: 'total_amount' } as const

export function orderId(orderNumber: number): string {
  return `order-${orderNumber}`
}

/**
 * The rows of a batch: new orders, plus re-sends of recent orders (at-least-once delivery) with
 * probability `duplicateShare`. Each order's content is a pure function of its number, so a
 * re-send is identical to the original, and a dirty order stays dirty.
 */
export function batchRows(
  seed: number,
  shape: RecordShape,
  batch: Omit<BronzeBatch, 'newOrders'>,
  dayOfOrder: (orderNumber: number) => number,
): { rows: RawRow[]; newOrders: number } {
  const random = randomStream(seed, 'batch', batch.index)
  const rows: RawRow[] = []
  const oldest = Math.max(1, batch.firstOrder - shape.batchSize)
  let nextOrder = batch.firstOrder
  for (let i = 0; i < batch.rows; i++) {
    const resend = nextOrder > oldest && random.chance(shape.duplicateShare)
    // a re-send repeats an order from this batch or the one before it
    const orderNumber = resend ? oldest + random.below(nextOrder - oldest) : nextOrder++
    const day = orderNumber >= batch.firstOrder ? batch.day : dayOfOrder(orderNumber)
    rows.push(orderRow(seed, shape, orderNumber, day, batch.drifted))
  }
  return { rows, newOrders: nextOrder - batch.firstOrder }
}

function orderRow(
  seed: number,
  shape: RecordShape,
  orderNumber: number,
  day: number,
  drifted: boolean,
): RawRow {
  const random = randomStream(seed, 'order', orderNumber)
  const customer = `customer-${1 + random.below(shape.customers)}`
  const amount = 100 + random.below(9_900)
  const dirty = random.chance(shape.dirtyShare)
  const missingCustomer = dirty && random.chance(0.5)
  const amountColumn = drifted ? DRIFTED_COLUMN.to : DRIFTED_COLUMN.from
  return {
    order_id: orderId(orderNumber),
    customer: missingCustomer ? null : customer,
    [amountColumn]: dirty && !missingCustomer ? -amount : amount,
    order_day: day,
  }
}

/** A row that passed validation: what silver stores per order. */
export interface CleanOrder {
  customer: string
  day: number
  amount: number
}

export type ValidationResult =
  | { ok: true; id: string; order: CleanOrder }
  | { ok: false; reason: 'missing-column' | 'missing-customer' | 'negative-amount' }

/** Silver's contract: a customer, a non-negative integer amount in cents, a day. `mapping` renames columns first. */
export function validateRow(row: RawRow, mapping: Readonly<Record<string, string>>): ValidationResult {
  const mapped: RawRow = {}
  for (const [column, value] of Object.entries(row)) mapped[mapping[column] ?? column] = value
  const { order_id: id, customer, amount, order_day: day } = mapped
  if (typeof id !== 'string' || typeof amount !== 'number' || typeof day !== 'number') {
    return { ok: false, reason: 'missing-column' }
  }
  if (typeof customer !== 'string' || customer === '') return { ok: false, reason: 'missing-customer' }
  if (amount < 0) return { ok: false, reason: 'negative-amount' }
  return { ok: true, id, order: { customer, day, amount } }
}
