import { useRole } from '../auth/role';

/**
 * Whether the signed-in token may change the settings: admins only, as the server decides. Until
 * the server has said which role the token has, the page stays read-only.
 */
export function useCanEdit(): boolean {
  return useRole() === 'admin';
}
