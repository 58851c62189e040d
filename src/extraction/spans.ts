import type { Sentence, Span } from './types.js'

/** Whether two offset ranges share at least one character. */
export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end

/** Index of the sentence holding `offset`, or -1. */
export const sentenceAt = (sentences: Sentence[], offset: number): number => sentences.findIndex((s) => s.start <= offset && offset < s.end)
