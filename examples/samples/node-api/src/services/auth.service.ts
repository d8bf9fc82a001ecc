import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { db } from '../lib/db.js';
import type { User } from '../models/user.model.js';

export class AuthService {
  async register(email: string, password: string): Promise<User> {
    const passwordHash = await bcrypt.hash(password, 12);
    return db.user.create({ data: { email, passwordHash } });
  }

  async login(email: string, password: string): Promise<string | null> {
    const user = await db.user.findUnique({ where: { email } });
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) return null;
    return jwt.sign({ sub: user.id }, process.env.JWT_SECRET ?? '', { expiresIn: '1h' });
  }

  verifyToken(token: string): string | null {
    try {
      const payload = jwt.verify(token, process.env.JWT_SECRET ?? '') as { sub: string };
      return payload.sub;
    } catch {
      return null;
    }
  }
}
