import { z } from 'zod'

/** RFC 9457 problem details, the body of every error response. */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ in: z.enum(['query', 'path', 'body', 'header']), name: z.string(), message: z.string() })).optional(),
}).meta({ id: 'ProblemDetails' })
export type ProblemDetails = z.infer<typeof ProblemDetails>

export class AppError extends Error {
  constructor(readonly status: number, readonly title: string, message: string, readonly type = 'about:blank') {
    super(message)
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) { super(404, 'Not Found', message) }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string) { super(503, 'Service Unavailable', message) }
}

export class BadRequestError extends AppError {
  constructor(message: string, readonly param?: { in: 'query' | 'path'; name: string }) { super(400, 'Bad Request', message) }
}
