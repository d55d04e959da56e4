import type { ComponentType } from 'react';
import {
  IconBook2,
  IconBuildingStore,
  IconCash,
  IconChecklist,
  IconCoins,
  IconListCheck,
  IconMailbox,
  IconReceiptTax,
  IconChartBar,
  IconFileDescription,
  IconFileDollar,
  IconFileInvoice,
  IconHistory,
  IconLayoutDashboard,
  IconPackage,
  IconRepeat,
  IconSettings,
  IconTruckDelivery,
  IconUsers,
  IconUsersGroup,
  type IconProps,
} from '@tabler/icons-react';
import type { Action } from '@bizdash/domain/permissions';

export interface NavItem {
  label: string;
  path: string;
  /** The permission that shows the item and opens the route. */
  action: Action;
  icon: ComponentType<IconProps>;
  /** Short line for the command palette. */
  description: string;
  group: 'main' | 'admin';
}

/** The sidebar, the command palette and the home redirect all read this one list. */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    label: 'Dashboard',
    path: '/dashboard',
    action: 'dashboard.read',
    icon: IconLayoutDashboard,
    description: 'Today at a glance',
    group: 'main',
  },
  {
    label: 'Orders',
    path: '/orders',
    action: 'orders.read',
    icon: IconPackage,
    description: 'Orders and their stages',
    group: 'main',
  },
  {
    label: 'My tasks',
    path: '/tasks',
    action: 'orders.read',
    icon: IconChecklist,
    description: 'Tasks assigned to you, overdue first',
    group: 'main',
  },
  {
    label: 'Invoices',
    path: '/invoices',
    action: 'invoices.read',
    icon: IconFileInvoice,
    description: 'GST invoices, credit and debit notes',
    group: 'main',
  },
  {
    label: 'Quotations',
    path: '/quotations',
    action: 'invoices.read',
    icon: IconFileDescription,
    description: 'Estimates for clients: send a link, accept, convert into an invoice or an order',
    group: 'main',
  },
  {
    label: 'Proforma invoices',
    path: '/proformas',
    action: 'invoices.read',
    icon: IconFileDollar,
    description: 'Proformas before payment, with advances applied to the tax invoice',
    group: 'main',
  },
  {
    label: 'Delivery challans',
    path: '/challans',
    action: 'invoices.read',
    icon: IconTruckDelivery,
    description: 'Goods moved before invoicing (Rule 55), invoiced in parts',
    group: 'main',
  },
  {
    label: 'Recurring invoices',
    path: '/recurring',
    action: 'invoices.read',
    icon: IconRepeat,
    description: 'Retainers billed every month, quarter or year, with their next run',
    group: 'main',
  },
  {
    label: 'Parties',
    path: '/parties',
    action: 'parties.read',
    icon: IconUsersGroup,
    description: 'Clients, suppliers and partners',
    group: 'main',
  },
  {
    label: 'Leads',
    path: '/leads',
    action: 'parties.read',
    icon: IconMailbox,
    description: 'Contact requests from the public contact form',
    group: 'main',
  },
  {
    label: 'Payments',
    path: '/payments',
    action: 'money.read',
    icon: IconCash,
    description: 'Money received and paid, allocations, ageing',
    group: 'main',
  },
  {
    label: 'Settlements',
    path: '/settlements',
    action: 'money.read',
    icon: IconCoins,
    description: 'Partner shares to approve, payouts and statements',
    group: 'main',
  },
  {
    label: 'Accounts',
    path: '/accounts',
    action: 'accounts.read',
    icon: IconBook2,
    description: 'Chart of accounts, trial balance, ledgers, cash and bank books, day book, Tally export',
    group: 'main',
  },
  {
    label: 'GST returns',
    path: '/gst',
    action: 'reports.read',
    icon: IconReceiptTax,
    description: 'GSTR-1, registers and period locks',
    group: 'main',
  },
  {
    label: 'Reports',
    path: '/reports',
    action: 'reports.read',
    icon: IconChartBar,
    description: 'Sales, GST returns and receivables',
    group: 'main',
  },
  {
    label: 'Settings',
    path: '/settings',
    // Every role that reads settings also reads master data; staff read only master data, and the settings area
    // shows each role just its own sections.
    action: 'masters.read',
    icon: IconSettings,
    description: 'Business profile, numbering and preferences',
    group: 'main',
  },
  {
    label: 'Partner portal',
    path: '/portal',
    action: 'portal.read',
    icon: IconBuildingStore,
    description: 'Your orders and payouts',
    group: 'main',
  },
  {
    label: 'Users',
    path: '/users',
    action: 'users.read',
    icon: IconUsers,
    description: 'People who can log in, their roles and access',
    group: 'admin',
  },
  {
    label: 'Background jobs',
    path: '/jobs',
    action: 'jobs.manage',
    icon: IconListCheck,
    description: 'Queued, failed and dead jobs; sync and email deliveries',
    group: 'admin',
  },
  {
    label: 'Audit log',
    path: '/audit',
    action: 'audit.read',
    icon: IconHistory,
    description: 'Every change, who made it and when',
    group: 'admin',
  },
];

/** Where "/" sends a user: the first area their role may open. */
export function homePath(can: (action: Action) => boolean): string {
  return NAV_ITEMS.find((item) => can(item.action))?.path ?? '/account';
}
