import { TextInput, type TextInputProps } from '@mantine/core';

/** A rupee amount typed as text (kept as a decimal string, never a float), with a ₹ prefix. */
export function MoneyInput({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'onChange' | 'value'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      leftSection="₹"
      inputMode="decimal"
      placeholder="0.00"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/[^\d.]/g, ''))}
      classNames={{ input: 'num' }}
      {...props}
    />
  );
}
