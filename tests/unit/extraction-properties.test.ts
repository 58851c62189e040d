import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { budgetOf, ExtractionTimeout, unlimitedBudget } from '../../src/extraction/budget.js'
import { extract } from '../../src/extraction/pipeline.js'
import { adversarialText, checkStages } from '../helpers/extraction-properties.js'

describe('extraction stages on adversarial text (property-based)', () => {
  it('return well-formed spans and finish within the budget', () => {
    fc.assert(
      fc.property(adversarialText(5), (body) => checkStages(body, 2000)),
      { numRuns: 150 },
    )
  })
})

describe('the time budget', () => {
  it('stops an extraction that runs past its deadline with a clear error, and no budget never stops', () => {
    const body = 'The mayor said the plan would work. "We are ready," she said.\n\n'.repeat(3000)
    expect(() => extract({ title: '', body }, budgetOf(1))).toThrow(ExtractionTimeout)
    expect(() => extract({ title: '', body }, budgetOf(1))).toThrow('extraction took longer than 1 ms')
    expect(new ExtractionTimeout(5000).message).toBe('extraction took longer than 5 s')
    expect(budgetOf(0)).toBe(unlimitedBudget)
    expect(extract({ title: '', body: body.slice(0, 200) }, budgetOf(0)).quotes.length).toBeGreaterThan(0)
  })
})
