import { db } from '../lib/db.js';
import type { User } from '../models/user.model.js';

export class UserService {
  findById(id: string): Promise<User | null> {
    return db.user.findUnique({ where: { id } });
  }

  findByEmail(email: string): Promise<User | null> {
    return db.user.findUnique({ where: { email } });
  }
}
