import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job, JobCounts, JobState } from '@bizdash/contracts/jobs';
import { api } from '../../lib/api';

/** Query hooks for the Jobs page (the durable queue). */
export interface JobPage {
  items: Job[];
  total: number;
  page: number;
  pageSize: number;
}

export const jobKeys = {
  all: ['jobs'] as const,
  list: (state: JobState, page: number, pageSize: number) => ['jobs', 'list', state, page, pageSize] as const,
  counts: ['jobs', 'counts'] as const,
};

/** The queue changes on its own (the worker runs in the background): lists refresh every few seconds. */
const REFRESH_MS = 5_000;

export function useJobs(state: JobState, page: number, pageSize: number) {
  return useQuery({
    queryKey: jobKeys.list(state, page, pageSize),
    queryFn: ({ signal }) => api.get<JobPage>('/jobs', { state, page, pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
}

export function useJobCounts() {
  return useQuery({
    queryKey: jobKeys.counts,
    queryFn: ({ signal }) => api.get<JobCounts>('/jobs/counts', undefined, signal),
    refetchInterval: REFRESH_MS,
  });
}

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Job>(`/jobs/${id}/retry`),
    onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

export function useDiscardJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/jobs/${id}`),
    onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
