/**
 * Errors as typed values: every error the server answers carries `extensions.code`,
 * and the SDK turns it into a `VillageError` with that code and its details.
 */

/** The server's error codes (`extensions.code`), plus the SDK's own `NETWORK`. */
export type VillageErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'TRUSTED_DOCUMENTS_ONLY'
  | 'NETWORK';

/** One GraphQL error as the server sends it. */
export interface GraphQLErrorPayload {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

const KNOWN_CODES: ReadonlySet<string> = new Set<VillageErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
  'PERSISTED_QUERY_NOT_FOUND',
  'TRUSTED_DOCUMENTS_ONLY',
]);

function stringField(extensions: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = extensions?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A failed request: the first error's code and details, every error kept. */
export class VillageError extends Error {
  readonly code: VillageErrorCode;
  /** The input field at fault (`BAD_USER_INPUT`, `CONFLICT`). */
  readonly field?: string;
  /** A machine-readable reason some refusals carry. */
  readonly reason?: string;
  /** When to try again (`RATE_LIMITED`). */
  readonly retryAfterSeconds?: number;
  /** Every error of the answer, as sent. */
  readonly errors: ReadonlyArray<GraphQLErrorPayload>;

  constructor(code: VillageErrorCode, message: string, errors: ReadonlyArray<GraphQLErrorPayload> = []) {
    super(message);
    this.name = 'VillageError';
    this.code = code;
    this.errors = errors;
    const extensions = errors[0]?.extensions;
    this.field = stringField(extensions, 'field');
    this.reason = stringField(extensions, 'reason');
    const retryAfter = extensions?.['retryAfterSeconds'];
    this.retryAfterSeconds = typeof retryAfter === 'number' ? retryAfter : undefined;
  }

  /** The error for a GraphQL answer's `errors`. */
  static fromErrors(errors: ReadonlyArray<GraphQLErrorPayload>): VillageError {
    const first = errors[0];
    const code = stringField(first?.extensions, 'code') ?? 'INTERNAL';
    const known = KNOWN_CODES.has(code) ? (code as VillageErrorCode) : 'INTERNAL';
    return new VillageError(known, first?.message ?? 'request failed', errors);
  }

  /** The network failed before an answer arrived: the request may or may not have run. */
  static network(cause: unknown): VillageError {
    const message = cause instanceof Error ? cause.message : String(cause);
    const error = new VillageError('NETWORK', `network error: ${message}`);
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

/** Whether `error` is a `VillageError` with `code` (any code when left out). */
export function isVillageError(error: unknown, code?: VillageErrorCode): error is VillageError {
  return error instanceof VillageError && (code === undefined || error.code === code);
}
