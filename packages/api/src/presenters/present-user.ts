import type { IUser } from '../db/entities/index.js';

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: 'user' | 'admin';
  createdAt: string;
}

export const presentUser = (u: IUser): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name ?? null,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});
