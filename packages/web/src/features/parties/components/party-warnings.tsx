import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PartyWarning } from '@bizdash/contracts/parties';

/** The server's non-blocking warnings after a save: likely duplicates (with links) and PINs outside their state. */
export function PartyWarnings({ warnings, onClose }: { warnings: readonly PartyWarning[]; onClose?: () => void }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={20} />}
      title="Saved, but worth a look"
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      data-testid="party-warnings"
    >
      <List size="sm" spacing={4}>
        {warnings.map((w, i) => (
          <List.Item key={`${w.code}-${w.field}-${i}`}>
            <Text size="sm" span>
              {w.message}
            </Text>
            {w.party ? (
              <>
                {' '}
                <Anchor component={Link} to={`/parties/${w.party.id}`} size="sm" fw={500}>
                  Open {w.party.name}
                </Anchor>
              </>
            ) : null}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
