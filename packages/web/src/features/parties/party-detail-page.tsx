import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconArrowLeft, IconPencil, IconUserPlus } from '@tabler/icons-react';
import type { Address, Party } from '@bizdash/contracts/parties';
import { findCountry } from '@bizdash/domain/countries';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { HistoryPanel } from '../../components/history-panel';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { PLACEHOLDER, formatAmount, formatCount, formatNumber } from '../../lib/format';
import { useParty } from './api';
import { PartyActivity } from './components/party-activity';
import { PartyStatementSection } from './components/party-statement';
import { ArchivePartyModal } from './components/archive-party-modal';
import { PartyRoleBadges } from './components/party-badges';
import { PartyWarnings } from './components/party-warnings';
import { displayPhone, kindLabel, registrationLabel, stateLabel } from './labels';
import type { SavedState } from './party-form-page';

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb="xs">
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" style={{ minWidth: 0, wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Group>
  );
}

function AddressBlock({ address }: { address: Address }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{address.line1}</Text>
      {address.line2 ? <Text size="sm">{address.line2}</Text> : null}
      <Text size="sm">
        {address.city} <span className="num">{address.pin}</span>
      </Text>
      <Text size="sm" c="dimmed">
        {stateLabel(address.stateCode)}
      </Text>
    </Stack>
  );
}

export function PartyDetailPage() {
  const id = Number(useParams().id);
  const query = useParty(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <QueryError
        error={query.error}
        what="this party"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  return <PartyDetail party={query.data} />;
}

function PartyDetail({ party }: { party: Party }) {
  const { can } = useAuth();
  const canWrite = can('parties.write');
  const location = useLocation();
  const navigate = useNavigate();
  const [isArchiving, setArchiving] = useState(false);
  const warnings = (location.state as SavedState | null)?.warnings ?? [];
  const isPartner = party.roles.includes('partner');
  // A partner sees its orders and statement in the portal through a partner login (users admin makes it).
  const canInvite = isPartner && !party.isArchived && can('users.manage');
  const payout = party.payout;

  return (
    <>
      <Anchor component={Link} to="/parties" size="sm" c="dimmed" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          Parties
        </Group>
      </Anchor>
      <PageHeader
        title={party.name}
        description={
          <Group gap="xs" component="span">
            <PartyRoleBadges roles={party.roles} />
            {party.isArchived ? (
              <Badge color="gray" variant="outline" size="sm">
                Archived
              </Badge>
            ) : null}
            {party.legalName && party.legalName !== party.name ? <span>{party.legalName}</span> : null}
          </Group>
        }
        actions={
          canWrite || canInvite ? (
            <>
              {canInvite ? (
                <Button
                  variant="default"
                  leftSection={<IconUserPlus size={16} />}
                  data-testid="party-invite"
                  onClick={() =>
                    void navigate('/users', {
                      state: {
                        invite: {
                          role: 'partner',
                          partnerPartyId: party.id,
                          name: party.name,
                          ...(party.emails[0] ? { email: party.emails[0] } : {}),
                        },
                      },
                    })
                  }
                >
                  Invite to the portal
                </Button>
              ) : null}
              {!canWrite ? null : (
                <>
                  {party.isArchived ? null : (
                    <Button
                      variant="default"
                      color="red"
                      leftSection={<IconArchive size={16} />}
                      onClick={() => setArchiving(true)}
                      data-testid="party-archive"
                    >
                      Archive
                    </Button>
                  )}
                  <Button
                    component={Link}
                    to={`/parties/${party.id}/edit`}
                    leftSection={<IconPencil size={16} />}
                    data-testid="party-edit"
                  >
                    Edit
                  </Button>
                </>
              )}
            </>
          ) : null
        }
      />

      <Stack gap="md">
        {warnings.length > 0 ? (
          <PartyWarnings
            warnings={warnings}
            onClose={() => void navigate(location.pathname, { replace: true, state: null })}
          />
        ) : null}

        <SimpleGrid cols={{ base: 1, sm: 2, lg: isPartner ? 4 : 3 }} spacing="md" data-testid="party-summary">
          <Card title="GST" testId="party-card-gst">
            <Stack gap={6}>
              <Row label="GSTIN">
                <span className="mono">{party.gstin ?? PLACEHOLDER}</span>
              </Row>
              <Row label="PAN">
                <span className="mono">{party.pan ?? PLACEHOLDER}</span>
              </Row>
              <Row label="Registration">{registrationLabel(party.gstRegistrationType)}</Row>
              <Row label="Kind">{kindLabel(party.kind)}</Row>
            </Stack>
          </Card>
          <Card title="Contact" testId="party-card-contact">
            <Stack gap={6}>
              <Row label="Email">
                {party.emails.length
                  ? party.emails.map((e) => (
                      <div key={e}>
                        <Anchor href={`mailto:${e}`} size="sm">
                          {e}
                        </Anchor>
                      </div>
                    ))
                  : PLACEHOLDER}
              </Row>
              <Row label="Phone">
                {party.phones.length
                  ? party.phones.map((p) => (
                      <div key={p}>
                        <Anchor href={`tel:${p}`} size="sm" className="num">
                          {displayPhone(p)}
                        </Anchor>
                      </div>
                    ))
                  : PLACEHOLDER}
              </Row>
            </Stack>
          </Card>
          <Card title="Terms" testId="party-card-terms">
            <Stack gap={6}>
              <Row label="Payment terms">
                {party.paymentTermsDays === null ? PLACEHOLDER : formatCount(party.paymentTermsDays, 'day')}
              </Row>
              <Row label="Credit limit">
                <span className="num">{party.creditLimit ? formatAmount(party.creditLimit) : 'No limit'}</span>
              </Row>
              <Row label="Tags">
                {party.tags.length ? (
                  <Group gap={4} justify="flex-end">
                    {party.tags.map((t) => (
                      <Badge key={t} size="sm" variant="default">
                        {t}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  PLACEHOLDER
                )}
              </Row>
              <Row label="Added">
                <DateTime value={party.createdAt} dateOnly />
              </Row>
            </Stack>
          </Card>
          {isPartner ? (
            <Card title="Partner" testId="party-card-partner">
              <Text size="xl" fw={700} className="num" data-testid="party-revenue-share">
                {party.revenueShare ? `${formatNumber(party.revenueShare)}%` : PLACEHOLDER}
              </Text>
              <Text size="xs" c="dimmed">
                Default revenue share
              </Text>
            </Card>
          ) : null}
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, md: isPartner ? 3 : 2 }} spacing="md">
          <Card title="Billing address" testId="party-billing">
            {party.foreignAddress ? (
              <Stack gap={0}>
                {party.foreignAddress.lines.map((line, i) => (
                  <Text size="sm" key={i}>
                    {line}
                  </Text>
                ))}
                {party.foreignAddress.postalCode ? (
                  <Text size="sm" className="num">
                    {party.foreignAddress.postalCode}
                  </Text>
                ) : null}
                <Text size="sm" c="dimmed">
                  {findCountry(party.countryCode)?.name ?? party.countryCode}
                </Text>
              </Stack>
            ) : party.billingAddress ? (
              <AddressBlock address={party.billingAddress} />
            ) : (
              <Text size="sm" c="dimmed">
                No billing address yet.
              </Text>
            )}
          </Card>
          <Card title="Shipping address" testId="party-shipping">
            {party.shippingAddress ? (
              <AddressBlock address={party.shippingAddress} />
            ) : (
              <Text size="sm" c="dimmed">
                {party.billingAddress ? 'Same as billing address.' : 'No shipping address yet.'}
              </Text>
            )}
          </Card>
          {isPartner ? (
            <Card title="Payout details" testId="party-payout">
              <Stack gap={6}>
                <Row label="Account name">{payout?.bankAccountName ?? PLACEHOLDER}</Row>
                <Row label="Account number">
                  <span className="mono">{payout?.bankAccountNumber ?? PLACEHOLDER}</span>
                </Row>
                <Row label="IFSC">
                  <span className="mono">{payout?.ifsc ?? PLACEHOLDER}</span>
                </Row>
                <Row label="UPI ID">{payout?.upiId ?? PLACEHOLDER}</Row>
              </Stack>
            </Card>
          ) : null}
        </SimpleGrid>

        {party.notes ? (
          <Card title="Notes">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {party.notes}
            </Text>
          </Card>
        ) : null}

        {can('money.read') ? <PartyStatementSection party={party} /> : null}

        <SimpleGrid cols={{ base: 1, md: can('audit.read') ? 2 : 1 }} spacing="md">
          <Paper withBorder p="md" data-testid="party-documents">
            <Title order={4} fz="md" mb="sm">
              Orders and invoices
            </Title>
            <PartyActivity party={party} />
          </Paper>
          {/* Only roles that read the audit log see a record's history (staff would get a 403). */}
          {can('audit.read') ? (
            <Paper withBorder p="md" data-testid="party-history">
              <Title order={4} fz="md" mb="sm">
                History
              </Title>
              <HistoryPanel entity="party" entityId={party.id} pageSize={10} />
            </Paper>
          ) : null}
        </SimpleGrid>
      </Stack>

      <ArchivePartyModal party={party} opened={isArchiving} onClose={() => setArchiving(false)} />
    </>
  );
}
