import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';

/**
 * A card of the order page: its title (after an icon, when it has one), a line on what it is for, the content, and
 * `after` it what lives outside the content (a dialog).
 */
export function OrderCard({
  title,
  icon: Icon,
  text,
  testId,
  contentClassName,
  after,
  children,
}: {
  title: string;
  icon?: LucideIcon;
  text?: ReactNode;
  testId?: string;
  contentClassName?: string;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        {Icon ? (
          <CardTitle className="flex items-center gap-2">
            <Icon aria-hidden="true" className="size-5" />
            {title}
          </CardTitle>
        ) : (
          <CardTitle>{title}</CardTitle>
        )}
        {text && <p className="text-sm text-muted-foreground">{text}</p>}
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
      {after}
    </Card>
  );
}
