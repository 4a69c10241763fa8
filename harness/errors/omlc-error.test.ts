import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message.ts';
import { isCodedError, OmlcError } from './omlc-error.ts';

class DemoError extends OmlcError<'one' | 'two'> {
  override name = 'DemoError';
}

describe('OmlcError', () => {
  it('carries a code, the message, the cause and the subclass name', () => {
    const cause = new Error('root');
    const error = new DemoError('two', 'it broke', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('two');
    expect(error.message).toBe('it broke');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('DemoError');
    expect(String(error)).toBe('DemoError: it broke');
  });

  it('isCodedError checks the class and, when given, the code', () => {
    const error = new DemoError('one', 'x');
    expect(isCodedError(error, DemoError)).toBe(true);
    expect(isCodedError(error, DemoError, 'one')).toBe(true);
    expect(isCodedError(error, DemoError, 'two')).toBe(false);
    expect(isCodedError(new OmlcError('one', 'x'), DemoError)).toBe(false);
    expect(isCodedError(new Error('x'), OmlcError)).toBe(false);
    expect(isCodedError('one', OmlcError)).toBe(false);
  });
});

describe('errorMessage', () => {
  it('is the message of an Error and the text of anything else', () => {
    expect(errorMessage(new DemoError('one', 'coded'))).toBe('coded');
    expect(errorMessage(new TypeError('plain'))).toBe('plain');
    expect(errorMessage('a string')).toBe('a string');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
