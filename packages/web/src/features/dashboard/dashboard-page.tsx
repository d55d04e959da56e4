import { Button } from '@mantine/core';
import { IconLayoutDashboard } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth/auth-context';
import { AreaIntro } from '../../components/area-intro';
import { PageHeader } from '../../components/page-header';

function greeting(now: Date): string {
  // Hour in IST regardless of the device's clock zone.
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Kolkata' }).format(now),
  );
  if (hour < 12) return 'Good morning';
  if (hour < 17) return 'Good afternoon';
  return 'Good evening';
}

export function DashboardPage() {
  const me = useMe();
  const { can } = useAuth();
  const firstName = me.name.trim().split(/\s+/)[0] ?? me.name;
  const showMoney = can('dashboard.money');
  const points = showMoney
    ? [
        'Sales and collections this month',
        'Receivables and overdue invoices',
        'Orders in progress by stage',
        'GST payable for the period',
      ]
    : ['Orders in progress by stage', 'Deliveries due this week', 'Recently added parties', 'Your recent activity'];
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${greeting(new Date())}, ${firstName}. Here is how the business is doing.`}
      />
      <AreaIntro
        icon={IconLayoutDashboard}
        heading="Your business at a glance"
        points={points}
        actions={
          can('users.manage') ? (
            <Button component={Link} to="/users" variant="light">
              Invite your team
            </Button>
          ) : undefined
        }
      >
        As orders, invoices and payments are recorded, the figures that matter most will gather here, so you can see the
        day's position without opening a report.
      </AreaIntro>
    </>
  );
}
