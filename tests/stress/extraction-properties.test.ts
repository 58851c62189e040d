import fc from 'fast-check'
import { describe, it } from 'vitest'
import { adversarialText, checkStages } from '../helpers/extraction-properties.js'

/** Large adversarial inputs: each stage must stay well-formed and the pipeline finish within its budget. */
describe('extraction stages on large adversarial text (property-based, slow)', () => {
  it('keep spans well-formed and finish within the budget on generated texts of up to ~10,000 tokens', () => {
    fc.assert(
      fc.property(adversarialText(250), (body) => checkStages(body, 5000)),
      { numRuns: 40 },
    )
  })

  it.each([
    ['one 100,000-character sentence without punctuation', 'the mayor said that the plan would work and '.repeat(2300)],
    ['100,000 quotation marks', "“”\"''".repeat(20_000)],
    ['unbalanced quotes in every sentence', '“He said it works. '.repeat(5000)],
    ['thousands of capitalised words', 'Anna Lee Said The New York Mr Jo Bloggs Of '.repeat(2500)],
    ['speech nested 5,000 deep', Array.from({ length: 5000 }, (_, i) => `Speaker${i} said`).join(' ') + ' it works.'],
    ['a 200,000-character paragraph of attributions', '“It works,” she said. '.repeat(9000)],
  ])('handles %s', (_, body) => checkStages(body, 5000))
})
