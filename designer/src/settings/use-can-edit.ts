/**
 * Whether the signed-in token may change the settings. Until the designer knows its role
 * (`useRole()` of designer/src/auth/role.ts), every signed-in user is taken for an admin; the
 * server still refuses another role's save or preview (403), and the page shows its message.
 */
export function useCanEdit(): boolean {
  return true;
}
