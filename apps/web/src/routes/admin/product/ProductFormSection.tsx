import { type ReactNode } from 'react';
import { type FieldError } from 'react-hook-form';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';

/** Errors of a list of rows (zod's refine on the array, or the API's `body.prices`). */
export function arrayError(error: { message?: string; root?: FieldError } | undefined): string | undefined {
  return error?.root?.message ?? error?.message;
}

/** One card of the product form. */
export function ProductFormSection({
  title,
  text,
  children,
}: {
  title: string;
  text?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {text && <p className="text-sm text-muted-foreground">{text}</p>}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">{children}</CardContent>
    </Card>
  );
}
