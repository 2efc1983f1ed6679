import type { EntityManager } from 'typeorm';
import { RequestMismatch } from '@app/common';
import { IdempotencyKeyRepository, type StoredKeyRef } from './idempotency-key.repository';

/**
 * An `Idempotency-Key` as a command carries it: the key, who may reuse it (`scope`: the caller),
 * and the hash of the request it was first sent with.
 */
export interface IdempotencyRequest extends StoredKeyRef {
  /** SHA-256 of the canonical method, path and body. */
  requestHash: string;
}

/**
 * How an answer is kept for replay when it holds a secret that must not lie in clear in
 * `idempotency_keys` (the receipt's query code): `store` makes the kept form, `replay` the answer.
 */
export interface AnswerCodec<T> {
  store(answer: T): unknown;
  replay(stored: unknown): T;
}

/**
 * Runs `command` once per idempotency key, inside the caller's transaction `m` (DESIGN invariant
 * 4), and answers a retry with the first answer (the endpoint's success status stays the same). The key row is inserted first: a concurrent request with the same key waits on it until
 * this transaction ends, then replays the stored answer, or (if this one rolled back) runs itself.
 * Failures are not stored: the transaction rolls back with the key, and a retry runs again.
 * `codec` transforms the answer as it is kept and replayed (default: kept as it is).
 * @throws RequestMismatch (422) the key was used with a different request
 */
export async function once<T>(
  m: EntityManager,
  request: IdempotencyRequest | undefined,
  command: () => Promise<T>,
  codec?: AnswerCodec<T>,
): Promise<T> {
  if (!request) return command();
  const keys = new IdempotencyKeyRepository(m);
  if (!(await keys.take(request, request.requestHash))) {
    const stored = await keys.find(request);
    if (stored?.requestHash !== request.requestHash) {
      throw new RequestMismatch(
        'idempotency_key_reused',
        'this Idempotency-Key was used with a different request',
        [{ field: 'Idempotency-Key', message: 'reused with a different method, path or body' }],
      );
    }
    return codec ? codec.replay(stored.response) : (stored.response as T);
  }
  const body = await command();
  await keys.keepAnswer(request, codec ? codec.store(body) : body);
  return body;
}
