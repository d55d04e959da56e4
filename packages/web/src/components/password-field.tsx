import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * Mantine's PasswordInput names its eye button "Toggle password visibility", which a label lookup for "Password"
 * also matches; this names it without the word so the field's own label stays unique on the page.
 */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput {...props} visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what you typed' }} />;
}
