import {
  Conflict,
  InvalidInput,
  NotAllowed,
  NotAuthenticated,
  NotFound,
  RequestMismatch,
  Unavailable,
  UnsupportedContent,
  type DomainError,
} from '@app/common';
import { errorBody } from './error-shape.filter';

describe('errorBody of a domain error', () => {
  const cases: [DomainError, number, string][] = [
    [
      new InvalidInput('from: must not be after to', [{ field: 'from', message: 'must not be after to' }]),
      400,
      'Bad Request',
    ],
    [
      new NotAuthenticated('token_refused', 'the token is not valid', [
        { field: 'Authorization', message: 'x' },
      ]),
      401,
      'Unauthorized',
    ],
    [
      new NotAllowed('role', 'officer may not send RECEIVE', { role: 'officer', type: 'RECEIVE' }),
      403,
      'Forbidden',
    ],
    [new NotFound('case', 'case not found'), 404, 'Not Found'],
    [new Conflict('stale_version', 'case was changed meanwhile', { version: 3 }), 409, 'Conflict'],
    [
      new UnsupportedContent('unsupported_type', 'a scan must be a PDF, JPEG or PNG', [
        { field: 'file', message: 'unsupported content' },
      ]),
      415,
      'Unsupported Media Type',
    ],
    [
      new RequestMismatch(
        'idempotency_key_reused',
        'this Idempotency-Key was used with a different request',
        [],
      ),
      422,
      'Unprocessable Entity',
    ],
    [
      new Unavailable('pii_key_retired', 'restart it with the current PII_KEY', {
        reason: 'pii_key_retired',
      }),
      503,
      'Service Unavailable',
    ],
  ];

  it.each(cases)('%p answers %d %s with its message and details as they are', (error, statusCode, text) => {
    expect(errorBody(error)).toEqual({
      statusCode,
      error: text,
      message: error.message,
      details: error.details,
    });
  });

  it('writes no details key for an error that has none', () => {
    expect(errorBody(new NotFound('account', 'account not found'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'account not found',
    });
  });

  it('keeps the typed reason on the error, not in the body, unless its details carry it', () => {
    const error = new NotAllowed('own_account', 'an admin cannot deactivate their own account');
    expect(error.reason).toBe('own_account');
    expect(error).toBeInstanceOf(NotAllowed);
    expect(errorBody(error)).not.toHaveProperty('reason');
  });
});
