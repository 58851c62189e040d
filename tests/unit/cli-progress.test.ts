import { describe, expect, it } from 'vitest'
import { progressStats } from '../../src/cli/progress.js'

describe('progress rate and time left', () => {
  it('waits for a second of run time before estimating, unless the run is over', () => {
    expect(progressStats(64, 1000, 64, 0.2)).toEqual({ rate: '-', left: '-' })
    expect(progressStats(0, 1000, 0, 5)).toEqual({ rate: '-', left: '-' })
    expect(progressStats(192, 192, 192, 0.4)).toEqual({ rate: '480', left: '0:00' })
  })
  it('estimates over the whole run, so a burst of one batch does not read as infinite speed', () => {
    expect(progressStats(128, 1128, 128, 2)).toEqual({ rate: '64', left: '0:16' })
    expect(progressStats(100, 100_100, 100, 1)).toEqual({ rate: '100', left: '16:40' })
    expect(progressStats(1, 10_001, 1, 1)).toEqual({ rate: '1', left: '2:46:40' })
  })
})
