import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EmailLogPage,
  EmailPreview,
  EmailQueued,
  EmailSettings,
  EmailTemplate,
  EmailTemplateKey,
  SendInvoiceEmailInput,
  UpdateEmailSettingsInput,
  UpdateEmailTemplateInput,
} from '@bizdash/contracts/email';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';

/** Query hooks for Settings → Email and the invoice page's "Email invoice". */
export const emailKeys = {
  all: ['email'] as const,
  settings: ['email', 'settings'] as const,
  templates: ['email', 'templates'] as const,
  log: (page: number) => ['email', 'log', page] as const,
};

function useInvalidateEmail() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: emailKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useEmailSettings() {
  return useQuery({
    queryKey: emailKeys.settings,
    queryFn: ({ signal }) => api.get<EmailSettings>('/settings/email', undefined, signal),
  });
}

export function useSaveEmailSettings() {
  const invalidate = useInvalidateEmail();
  return useMutation({
    mutationFn: (input: UpdateEmailSettingsInput) => api.put<EmailSettings>('/settings/email', input),
    onSuccess: invalidate,
  });
}

export function useSendTestEmail() {
  const invalidate = useInvalidateEmail();
  return useMutation({
    mutationFn: (to: string) => api.post<EmailQueued>('/settings/email/test', { to }),
    onSuccess: invalidate,
  });
}

export function useEmailTemplates() {
  return useQuery({
    queryKey: emailKeys.templates,
    queryFn: ({ signal }) => api.get<{ items: EmailTemplate[] }>('/settings/email/templates', undefined, signal),
  });
}

export function useSaveEmailTemplate() {
  const invalidate = useInvalidateEmail();
  return useMutation({
    mutationFn: ({ key, input }: { key: EmailTemplateKey; input: UpdateEmailTemplateInput }) =>
      api.put<EmailTemplate>(`/settings/email/templates/${key}`, input),
    onSuccess: invalidate,
  });
}

export function useResetEmailTemplate() {
  const invalidate = useInvalidateEmail();
  return useMutation({
    mutationFn: (key: EmailTemplateKey) => api.delete<EmailTemplate>(`/settings/email/templates/${key}`),
    onSuccess: invalidate,
  });
}

export function usePreviewEmailTemplate() {
  return useMutation({
    mutationFn: ({ key, input }: { key: EmailTemplateKey; input: UpdateEmailTemplateInput }) =>
      api.post<EmailPreview>(`/settings/email/templates/${key}/preview`, input),
  });
}

export function useEmailLog(page: number, pageSize = 10) {
  return useQuery({
    queryKey: emailKeys.log(page),
    queryFn: ({ signal }) => api.get<EmailLogPage>('/email/log', { page, pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

export function useSendInvoiceEmail(invoiceId: number) {
  const invalidate = useInvalidateEmail();
  return useMutation({
    mutationFn: (input: SendInvoiceEmailInput) => api.post<EmailQueued>(`/invoices/${invoiceId}/email`, input),
    onSuccess: invalidate,
  });
}
