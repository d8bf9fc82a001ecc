import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../services/auth.service.js';

const auth = new AuthService();

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  const userId = token ? auth.verifyToken(token) : null;
  if (!userId) return res.status(401).json({ error: 'sign in first' });
  res.locals.userId = userId;
  next();
}
