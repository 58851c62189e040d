import type { Span } from './types.js'

/** Whether two offset ranges share at least one character. */
export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end
