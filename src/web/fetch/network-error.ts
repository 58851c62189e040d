const REASONS_BY_CODE: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  EAI_NONAME: 'DNS lookup failed',
  EAI_FAIL: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  Z_DATA_ERROR: 'invalid compressed body',
  Z_BUF_ERROR: 'invalid compressed body',
  ERR_INVALID_URL: 'invalid URL',
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/

/** A short readable reason for an error thrown by undici's fetch (its `cause` holds the system error). */
export function describeNetworkError(err: unknown): string {
  const cause = innermost(err)
  const code = codeOf(cause) ?? codeOf(err)
  if (code === 'ERR_PRIVATE_ADDRESS') return `refused: ${messageOf(cause)}`
  if (code && REASONS_BY_CODE[code]) return REASONS_BY_CODE[code]
  if (code && TLS_CODE.test(code)) return `TLS error: ${messageOf(cause)}`
  if (code?.startsWith('HPE_')) return 'invalid HTTP response'
  return `network error: ${messageOf(cause)}`
}

/** Whether the fetch failed because its origin may not reach the address (see address-guard). */
export function isAddressRefusal(err: unknown): boolean {
  return codeOf(innermost(err)) === 'ERR_PRIVATE_ADDRESS'
}

/** fetch throws TypeError('fetch failed') whose cause is the socket error, itself sometimes an AggregateError (one per address). */
function innermost(err: unknown): unknown {
  let current = err
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0]
    else if (current instanceof Error && current.cause !== undefined && !codeOf(current)) current = current.cause
    else break
  }
  return current
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
