import { Router } from 'express';
import { z } from 'zod';
import { AuthService } from '../services/auth.service.js';

const credentials = z.object({ email: z.string().email(), password: z.string().min(8) });

export const authRouter = Router();
const auth = new AuthService();

authRouter.post('/register', async (req, res) => {
  const body = credentials.parse(req.body);
  const user = await auth.register(body.email, body.password);
  res.status(201).json({ id: user.id, email: user.email });
});

authRouter.post('/login', async (req, res) => {
  const body = credentials.parse(req.body);
  const token = await auth.login(body.email, body.password);
  if (!token) return res.status(401).json({ error: 'wrong email or password' });
  res.json({ token });
});
