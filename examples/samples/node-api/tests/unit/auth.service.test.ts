import { describe, expect, it } from 'vitest';
import { AuthService } from '../../src/services/auth.service.js';

describe('AuthService.verifyToken', () => {
  it('rejects a token it did not sign', () => {
    expect(new AuthService().verifyToken('not-a-token')).toBeNull();
  });
});
