import { describe, expect, it } from 'vitest'
import { lastPerKey } from '../../src/db/sql.js'
import { sqlDate as sqliteDate } from '../../src/shared/params.js'
import { WRITE_ATTEMPTS, attemptsFor, pgErrorCode, retryDelay } from '../../src/db/writer.js'

// the shapes Prisma 6.19 with @prisma/adapter-pg throws (recorded against PostgreSQL 15)
const driverError = (cause: Record<string, unknown>) => Object.assign(new Error(String(cause.kind)), { name: 'DriverAdapterError', cause })
const knownError = (code: string, originalCode: string) =>
  Object.assign(new Error('Raw query failed'), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode } } },
  })

describe('what a failed PostgreSQL write transaction gets', () => {
  it('finds the PostgreSQL code in a driver adapter error or in a Prisma error', () => {
    expect(pgErrorCode(driverError({ originalCode: '40001', kind: 'TransactionWriteConflict' }))).toBe('40001')
    expect(pgErrorCode(knownError('P2010', '23505'))).toBe('23505')
    expect(pgErrorCode(new Error('no code'))).toBeNull()
    expect(pgErrorCode(null)).toBeNull()
  })

  it('runs a transaction that lost a race again, a unique key once more, anything else never', () => {
    expect(attemptsFor(driverError({ originalCode: '40001', kind: 'TransactionWriteConflict' }))).toBe(WRITE_ATTEMPTS)
    expect(attemptsFor(driverError({ originalCode: '40P01', kind: 'postgres', code: '40P01' }))).toBe(WRITE_ATTEMPTS)
    expect(attemptsFor(Object.assign(new Error('write conflict'), { code: 'P2034' }))).toBe(WRITE_ATTEMPTS)
    expect(attemptsFor(knownError('P2002', '23505'))).toBe(2)
    expect(attemptsFor(knownError('P2010', '23505'))).toBe(2)
    expect(attemptsFor(knownError('P2010', '22012'))).toBe(1)
    expect(attemptsFor(new Error('timeout'))).toBe(1)
  })

  it('waits longer after each attempt, never more than 2 s', () => {
    expect(retryDelay(1, 1)).toBe(20)
    expect(retryDelay(1, 0)).toBe(10)
    expect(retryDelay(3, 1)).toBe(80)
    expect(retryDelay(20, 1)).toBe(2000)
  })
})

describe('the writer SQL helpers', () => {
  it('keep the last row of each key, as upserting one after another would', () => {
    const rows = [
      { fromKey: 'a', personId: '1' },
      { fromKey: 'b', personId: '2' },
      { fromKey: 'a', personId: '3' },
    ]
    expect(lastPerKey(rows, ['fromKey'])).toEqual([
      { fromKey: 'a', personId: '3' },
      { fromKey: 'b', personId: '2' },
    ])
  })

  it('write dates to SQLite in the form Prisma stores', () => {
    expect(sqliteDate(new Date('2005-03-12T08:30:00.123Z'))).toBe('2005-03-12T08:30:00.123+00:00')
    expect(sqliteDate(new Date('0001-01-01T00:00:00.000Z'))).toBe('0001-01-01T00:00:00.000+00:00')
  })
})
