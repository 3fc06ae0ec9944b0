import { useEffect, useState } from 'react';
import { getSession } from '../../../contract/tokens';
import { call } from '../api/call';
import { useStore } from '../store';

export type Role = 'admin' | 'marketer' | 'analyst';

const rank: Record<Role, number> = { analyst: 0, marketer: 1, admin: 2 };

/** Whether `role` may do what `needed` may (analyst < marketer < admin), as the server decides. */
export function reaches(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

// One answer per token: every screen asking shares it.
let asked: { token: string; answer: Promise<Role> } | null = null;

function roleOf(token: string): Promise<Role> {
  if (asked?.token !== token) asked = { token, answer: call(getSession).then((s) => s.role) };
  return asked.answer;
}

/**
 * The signed-in token's role, or null until the server has said. Screens use it to offer only what
 * the role may do (read-only forms, no export button); the server refuses the rest anyway.
 */
export function useRole(): Role | null {
  const token = useStore((s) => s.token);
  const [role, setRole] = useState<{ token: string; role: Role } | null>(null);
  useEffect(() => {
    if (!token) return;
    let current = true;
    roleOf(token).then(
      (r) => current && setRole({ token, role: r }),
      () => {
        // Unknown role: screens stay read-only; the request that failed says why elsewhere.
        if (asked?.token === token) asked = null;
      },
    );
    return () => {
      current = false;
    };
  }, [token]);
  return role && role.token === token ? role.role : null;
}
