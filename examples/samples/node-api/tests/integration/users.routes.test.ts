import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';

describe('GET /users/me', () => {
  it('asks for a token', async () => {
    const res = await request(createApp()).get('/users/me');
    expect(res.status).toBe(401);
  });
});
