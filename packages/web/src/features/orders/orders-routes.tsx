import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../app/auth/guards';
import { NotFoundPage } from '../../components/status-page';
import { OrderDetailPage } from './order-detail-page';
import { EditOrderPage, NewOrderPage } from './order-form-page';
import { OrdersPage } from './orders-page';

export { TasksPage } from './tasks-page';

/** Everything under /orders (the router already requires orders.read). */
export function OrdersRoutes() {
  return (
    <Routes>
      <Route index element={<OrdersPage />} />
      <Route
        path="new"
        element={
          <RequirePermission action="orders.write">
            <NewOrderPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<OrderDetailPage />} />
      <Route
        path=":id/edit"
        element={
          <RequirePermission action="orders.write">
            <EditOrderPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
