import { Text, type TextProps } from '@mantine/core';
import { formatAmount } from '../lib/format';

/** A rupee amount from a decimal string, in tabular digits; negatives in red. */
export function Amount({ value, ...props }: { value: string | null | undefined } & TextProps) {
  const isNegative = typeof value === 'string' && value.trim().startsWith('-');
  return (
    <Text component="span" inherit className="num" c={isNegative ? 'red' : undefined} {...props}>
      {formatAmount(value)}
    </Text>
  );
}
