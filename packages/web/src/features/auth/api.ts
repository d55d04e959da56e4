import { useMutation } from '@tanstack/react-query';
import type { SetupInput } from '@bizdash/contracts/auth';
import { api } from '../../lib/api';

/** POST /setup: creates the owner and the business on a fresh install (201). */
export function useCompleteSetup() {
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<unknown>('/setup', input, { skipRefresh: true }),
  });
}
