import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BusinessRegistration,
  BusinessRegistrationList,
  BusinessSettings,
  CreateBusinessRegistrationInput,
  NumberSeries,
  NumberSeriesList,
  SetNumberSeriesInput,
  UpdateBusinessSettingsInput,
} from '@bizdash/contracts/settings';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';

export const settingsKeys = {
  all: ['settings'] as const,
  business: ['settings', 'business'] as const,
  registrations: ['settings', 'registrations'] as const,
  numberSeries: ['settings', 'number-series'] as const,
};

function useInvalidateSettings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useBusinessSettings() {
  return useQuery({
    queryKey: settingsKeys.business,
    queryFn: ({ signal }) => api.get<BusinessSettings>('/settings/business', undefined, signal),
  });
}

export function useUpdateBusinessSettings() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (input: UpdateBusinessSettingsInput) => api.patch<BusinessSettings>('/settings/business', input),
    onSuccess: invalidate,
  });
}

export function useRegistrations() {
  return useQuery({
    queryKey: settingsKeys.registrations,
    queryFn: ({ signal }) => api.get<BusinessRegistrationList>('/settings/business/registrations', undefined, signal),
  });
}

export function useAddRegistration() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (input: CreateBusinessRegistrationInput) =>
      api.post<BusinessRegistration>('/settings/business/registrations', input),
    onSuccess: invalidate,
  });
}

export function useRemoveRegistration() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/settings/business/registrations/${id}`),
    onSuccess: invalidate,
  });
}

export function useNumberSeries() {
  return useQuery({
    queryKey: settingsKeys.numberSeries,
    queryFn: ({ signal }) => api.get<NumberSeriesList>('/settings/number-series', undefined, signal),
  });
}

export function useSetNumberSeries() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (input: SetNumberSeriesInput) => api.put<NumberSeries>('/settings/number-series', input),
    onSuccess: invalidate,
  });
}
