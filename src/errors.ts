import { z } from 'zod'

export const ParameterError = z
  .object({
    in: z.enum(['query', 'path', 'body', 'header']),
    name: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ParameterError' })
export type ParameterError = z.infer<typeof ParameterError>

/** RFC 9457 problem details, the body of every error response. */
export const ProblemDetails = z
  .object({
    type: z.string().describe('"about:blank": the status code says it all'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe('What went wrong with this request, for people'),
    instance: z.string().optional().describe('The path that was requested'),
    errors: z.array(ParameterError).optional().describe('Each invalid parameter, for programs'),
  })
  .meta({ id: 'ProblemDetails' })
export type ProblemDetails = z.infer<typeof ProblemDetails>

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
}

/** The one builder of problem+json bodies: error handler, HTTP parser errors and load shedding. */
export function problem(status: number, detail: string, extra: { instance?: string; errors?: ParameterError[] } = {}): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_TITLES[status] ?? (status < 500 ? 'Client Error' : 'Server Error'),
    status,
    detail,
    ...(extra.instance === undefined ? {} : { instance: extra.instance }),
    ...(extra.errors === undefined ? {} : { errors: extra.errors }),
  }
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: Omit<ParameterError, 'message'>,
  ) {
    super(message)
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, message)
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, message)
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, param?: { in: 'query' | 'path'; name: string }) {
    super(400, message, param)
  }
}
