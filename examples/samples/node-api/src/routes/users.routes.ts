import { Router } from 'express';
import { requireAuth } from '../middleware/require-auth.js';
import { UserService } from '../services/user.service.js';

export const usersRouter = Router();
const users = new UserService();

usersRouter.get('/me', requireAuth, async (req, res) => {
  const user = await users.findById(res.locals.userId);
  res.json({ id: user?.id, email: user?.email });
});
