import { randomStream } from '../../random'

/** A row as the upstream system sends it: column names are data, so a renamed column is real. */
export type RawRow = Record<string, string | number | null>

/** What bronze remembers of one landed batch; its rows can be regenerated from the seed. */
export interface BronzeBatch {
  index: number
  /** Late batches have their own numbering and random stream, so they never shift the regular feed. */
  late: boolean
  /** The batch's number among batches of its kind (regular or late). */
  sequence: number
  /** The day the batch's new orders belong to (an earlier day for late data). */
  day: number
  /** When its new orders happened (logical minute): the landing time, or noon of their day for late data. */
  eventMinute: number
  /** Order number of the batch's first new order; orders of each kind are numbered consecutively. */
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

export function orderId(orderNumber: number, late = false): string {
  return late ? `late-order-${orderNumber}` : `order-${orderNumber}`
}

/** When and on which day an order happened. */
export interface OrderTime {
  day: number
  eventMinute: number
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
  timeOfOrder: (orderNumber: number) => OrderTime,
): { rows: RawRow[]; newOrders: number } {
  const random = randomStream(seed, batch.late ? 'late-batch' : 'batch', batch.sequence)
  const rows: RawRow[] = []
  const oldest = Math.max(1, batch.firstOrder - shape.batchSize)
  let nextOrder = batch.firstOrder
  for (let i = 0; i < batch.rows; i++) {
    const resend = nextOrder > oldest && random.chance(shape.duplicateShare)
    // a re-send repeats an order from this batch or the one before it
    const orderNumber = resend ? oldest + random.below(nextOrder - oldest) : nextOrder++
    const time: OrderTime =
      orderNumber >= batch.firstOrder
        ? { day: batch.day, eventMinute: batch.eventMinute }
        : timeOfOrder(orderNumber)
    rows.push(orderRow(seed, shape, orderNumber, batch.late, time, batch.drifted))
  }
  return { rows, newOrders: nextOrder - batch.firstOrder }
}

function orderRow(
  seed: number,
  shape: RecordShape,
  orderNumber: number,
  late: boolean,
  time: OrderTime,
  drifted: boolean,
): RawRow {
  const random = randomStream(seed, late ? 'late-order' : 'order', orderNumber)
  const customer = `customer-${1 + random.below(shape.customers)}`
  const amount = 100 + random.below(9_900)
  const dirty = random.chance(shape.dirtyShare)
  const missingCustomer = dirty && random.chance(0.5)
  const amountColumn = drifted ? DRIFTED_COLUMN.to : DRIFTED_COLUMN.from
  return {
    order_id: orderId(orderNumber, late),
    customer: missingCustomer ? null : customer,
    [amountColumn]: dirty && !missingCustomer ? -amount : amount,
    order_day: time.day,
    event_minute: time.eventMinute,
  }
}

/** A row that passed validation: what silver stores per order. */
export interface CleanOrder {
  customer: string
  day: number
  amount: number
  /** When the order happened (logical minute). */
  eventMinute: number
}

export type ValidationResult =
  | { ok: true; id: string; order: CleanOrder }
  | { ok: false; reason: 'missing-column' | 'missing-customer' | 'negative-amount' }

/** Silver's contract: a customer, a non-negative integer amount in cents, a day. `mapping` renames columns first. */
export function validateRow(row: RawRow, mapping: Readonly<Record<string, string>>): ValidationResult {
  const mapped: RawRow = {}
  for (const [column, value] of Object.entries(row)) mapped[mapping[column] ?? column] = value
  const { order_id: id, customer, amount, order_day: day, event_minute: eventMinute } = mapped
  if (
    typeof id !== 'string' ||
    typeof amount !== 'number' ||
    typeof day !== 'number' ||
    typeof eventMinute !== 'number'
  ) {
    return { ok: false, reason: 'missing-column' }
  }
  if (typeof customer !== 'string' || customer === '') return { ok: false, reason: 'missing-customer' }
  if (amount < 0) return { ok: false, reason: 'negative-amount' }
  return { ok: true, id, order: { customer, day, amount, eventMinute } }
}
