/**
 * Operation documents as the code generator writes them (strings that know their result
 * and variable types, and their SHA-256), and how a request names one: by hash first
 * (the server's trusted documents), by text when the server does not know the hash.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A generated operation: its text, its types, and its hash in `__meta__`. */
export type Operation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
  __meta__?: Record<string, unknown>;
};

/** Any operation, where only its text and hash matter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any>;

/** Runs an operation: what the SDK's parts are given to send requests with. */
export type Runner = <R, V>(document: Operation<R, V>, variables?: V) => Promise<R>;

/** The result type of an operation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResultOf<T> = T extends DocumentTypeDecoration<infer R, any> ? R : never;
/** The variables type of an operation. */
export type VariablesOf<T> = T extends DocumentTypeDecoration<unknown, infer V> ? V : never;

/** What goes on the wire for one operation. */
export interface WirePayload {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: { persistedQuery: { version: 1; sha256Hash: string } };
}

/** The SHA-256 the code generator gave the document, if any. */
export function hashOf(document: AnyOperation): string | undefined {
  const hash = document.__meta__?.['hash'];
  return typeof hash === 'string' ? hash : undefined;
}

const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The name of the document's operation (for logs and the server's metrics). */
export function operationName(document: AnyOperation): string | undefined {
  return OPERATION_NAME.exec(document.toString())?.[1];
}

/** The payload naming `document` by its hash, or by its text (`byText`, or no hash known). */
export function wirePayload(
  document: AnyOperation,
  variables: Record<string, unknown> | undefined,
  byText: boolean,
): WirePayload {
  const hash = hashOf(document);
  const payload: WirePayload = { variables, operationName: operationName(document) };
  if (hash && !byText) {
    payload.extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  } else {
    payload.query = document.toString();
  }
  return payload;
}
