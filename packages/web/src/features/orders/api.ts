import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Comment, CommentPage, CommentRevisionList } from '@bizdash/contracts/comments';
import type { CompanyPage, DocumentTypePage, OrderTypePage } from '@bizdash/contracts/masters';
import type { NotificationPage, MarkAllReadResult, Notification, UnreadCount } from '@bizdash/contracts/notifications';
import type {
  AssigneeList,
  Board,
  CreateOrderInput,
  DocumentStatus,
  OrderDetail,
  OrderDocument,
  OrderDocumentDetail,
  OrderDocumentList,
  OrderPage,
  OrderStageSettings,
  StageCode,
  TimelinePage,
  UpdateOrderInput,
} from '@bizdash/contracts/orders';
import type { PartyPage, PartyRole } from '@bizdash/contracts/parties';
import type { CreateTaskInput, Task, TaskPage, UpdateTaskInput } from '@bizdash/contracts/tasks';
import { api, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';
import { uploadFiles } from './file-transfer';

/** List and board filters as they travel in the query string (see url-state.ts). */
export type OrderFilterQuery = Record<string, QueryValue>;

export const orderKeys = {
  all: ['orders'] as const,
  list: (query: OrderFilterQuery) => ['orders', 'list', query] as const,
  board: (query: OrderFilterQuery) => ['orders', 'board', query] as const,
  detail: (id: number) => ['orders', 'detail', id] as const,
  documents: (id: number) => ['orders', 'documents', id] as const,
  document: (id: number, docId: number) => ['orders', 'documents', id, docId] as const,
  timeline: (id: number) => ['orders', 'timeline', id] as const,
  comments: (id: number) => ['orders', 'comments', id] as const,
  revisions: (id: number, commentId: number) => ['orders', 'comments', id, 'revisions', commentId] as const,
  assignees: ['orders', 'assignees'] as const,
  stages: ['orders', 'stages'] as const,
};
export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: Record<string, QueryValue>) => ['tasks', 'list', query] as const,
};
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: ['notifications', 'list'] as const,
};

// ---- orders

export function useOrders(query: OrderFilterQuery) {
  return useQuery({
    queryKey: orderKeys.list(query),
    queryFn: ({ signal }) => api.get<OrderPage>('/orders', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBoard(query: OrderFilterQuery, enabled = true) {
  return useQuery({
    queryKey: orderKeys.board(query),
    queryFn: ({ signal }) => api.get<Board>('/orders/board', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrder(id: number) {
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => api.get<OrderDetail>(`/orders/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Stage labels as the business named them; only readable with settings.read (others use the defaults). */
export function useStageSettings(enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.stages,
    queryFn: ({ signal }) => api.get<OrderStageSettings>('/settings/order-stages', undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useAssignees() {
  return useQuery({
    queryKey: orderKeys.assignees,
    queryFn: ({ signal }) => api.get<AssigneeList>('/orders/assignees', { limit: 200 }, signal),
    staleTime: 5 * 60_000,
  });
}

/** Everything an order change can touch: lists, the board, the detail, its timeline, tasks and the audit log. */
export function useInvalidateOrder() {
  const queryClient = useQueryClient();
  return (id?: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orderKeys.all }),
      queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      id === undefined ? null : queryClient.invalidateQueries({ queryKey: orderKeys.timeline(id) }),
    ]);
}

export function useCreateOrder() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: (input: CreateOrderInput) => api.post<OrderDetail>('/orders', input),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateOrder() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UpdateOrderInput }) =>
      api.patch<OrderDetail>(`/orders/${id}`, patch),
    onSuccess: (order) => invalidate(order.id),
  });
}

export function useTransition() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ id, to, note }: { id: number; to: StageCode; note?: string }) =>
      api.post<OrderDetail>(`/orders/${id}/transitions`, note ? { to, note } : { to }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      return invalidate(order.id);
    },
  });
}

/** The order's feed, oldest first, 100 entries a page. */
export function useTimeline(id: number) {
  return useInfiniteQuery({
    queryKey: orderKeys.timeline(id),
    queryFn: ({ signal, pageParam }) =>
      api.get<TimelinePage>(`/orders/${id}/history`, { order: 'asc', page: pageParam, pageSize: 100 }, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

// ---- documents

export function useOrderDocuments(id: number) {
  return useQuery({
    queryKey: orderKeys.documents(id),
    queryFn: ({ signal }) => api.get<OrderDocumentList>(`/orders/${id}/documents`, undefined, signal),
  });
}

export function useOrderDocument(id: number, docId: number, enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.document(id, docId),
    queryFn: ({ signal }) => api.get<OrderDocumentDetail>(`/orders/${id}/documents/${docId}`, undefined, signal),
    enabled,
  });
}

export function useSetDocumentStatus(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ docId, status, reason }: { docId: number; status: DocumentStatus; reason?: string }) =>
      api.post<OrderDocument>(`/orders/${orderId}/documents/${docId}/status`, reason ? { status, reason } : { status }),
    onSuccess: () => invalidate(orderId),
  });
}

export function useUploadDocumentFile(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ docId, file, onProgress }: { docId: number; file: File; onProgress: (f: number) => void }) =>
      uploadFiles<OrderDocument>(`/orders/${orderId}/documents/${docId}/files`, [file], onProgress),
    onSuccess: () => invalidate(orderId),
  });
}

export function useAddDocuments(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: (documentTypeIds: number[]) =>
      api.post<OrderDocumentList>(`/orders/${orderId}/documents`, { documentTypeIds }),
    onSuccess: () => invalidate(orderId),
  });
}

export function useRemoveDocument(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: (docId: number) => api.delete<OrderDocumentList>(`/orders/${orderId}/documents/${docId}`),
    onSuccess: () => invalidate(orderId),
  });
}

export function useDocumentTypes(enabled: boolean) {
  return useQuery({
    queryKey: ['masters', 'document-types', 'orders-picker'],
    queryFn: ({ signal }) => api.get<DocumentTypePage>('/document-types', { pageSize: 200, archived: 'false' }, signal),
    enabled,
  });
}

// ---- masters and parties for the order form

export function usePartySearch(role: PartyRole, q: string) {
  return useQuery({
    queryKey: ['parties', 'picker', role, q],
    queryFn: ({ signal }) =>
      api.get<PartyPage>('/parties', { role, q: q || undefined, pageSize: 20, archived: 'false' }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCompanySearch(q: string) {
  return useQuery({
    queryKey: ['masters', 'companies', 'picker', q],
    queryFn: ({ signal }) =>
      api.get<CompanyPage>('/companies', { q: q || undefined, pageSize: 20, archived: 'false' }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrderTypes() {
  return useQuery({
    queryKey: ['masters', 'order-types', 'picker'],
    queryFn: ({ signal }) => api.get<OrderTypePage>('/order-types', { pageSize: 200, archived: 'false' }, signal),
  });
}

// ---- comments

export function useComments(orderId: number) {
  return useQuery({
    queryKey: orderKeys.comments(orderId),
    queryFn: ({ signal }) =>
      api.get<CommentPage>(
        `/orders/${orderId}/comments`,
        { order: 'asc', pageSize: 200, includeDeleted: 'true' },
        signal,
      ),
  });
}

export function useCommentRevisions(orderId: number, commentId: number, enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.revisions(orderId, commentId),
    queryFn: ({ signal }) =>
      api.get<CommentRevisionList>(`/orders/${orderId}/comments/${commentId}/revisions`, undefined, signal),
    enabled,
  });
}

export function useAddComment(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: async ({ body, files }: { body: string; files: File[] }) => {
      const comment = await api.post<Comment>(`/orders/${orderId}/comments`, { body });
      if (files.length === 0) return comment;
      return uploadFiles<Comment>(`/orders/${orderId}/comments/${comment.id}/attachments`, files);
    },
    onSettled: () => invalidate(orderId),
  });
}

export function useEditComment(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ commentId, body }: { commentId: number; body: string }) =>
      api.patch<Comment>(`/orders/${orderId}/comments/${commentId}`, { body }),
    onSuccess: () => invalidate(orderId),
  });
}

export function useDeleteComment(orderId: number) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: (commentId: number) => api.delete<Comment>(`/orders/${orderId}/comments/${commentId}`),
    onSuccess: () => invalidate(orderId),
  });
}

// ---- tasks

export function useTasks(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: ({ signal }) => api.get<TaskPage>('/tasks', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateTask() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: (input: CreateTaskInput) => api.post<Task>('/tasks', input),
    onSuccess: (task) => invalidate(task.order?.id),
  });
}

export function useUpdateTask() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: UpdateTaskInput }) => api.patch<Task>(`/tasks/${id}`, patch),
    onSuccess: (task) => invalidate(task.order?.id),
  });
}

export function useDeleteTask() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ id }: { id: number; orderId: number | undefined }) => api.delete(`/tasks/${id}`),
    onSuccess: (_result, { orderId }) => invalidate(orderId),
  });
}

// ---- notifications

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadCount>('/notifications/unread-count', undefined, signal),
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { pageSize: 20 }, signal),
    enabled,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Notification>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MarkAllReadResult>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
