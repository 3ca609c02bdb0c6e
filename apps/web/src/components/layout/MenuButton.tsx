import { Menu } from 'lucide-react';
import { cn } from '../../lib/cn.ts';
import { Button } from '../ui/Button.tsx';

/** The "menu" button of a narrow screen's top bar: it opens the drawer (a dialog) and says whether it is open. */
export function MenuButton({
  label,
  open,
  onOpen,
  className,
}: {
  label: string;
  open: boolean;
  onOpen: () => void;
  className?: string;
}) {
  return (
    <Button
      variant="ghost"
      size="icon"
      className={cn(className, 'md:hidden')}
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={onOpen}
    >
      <Menu aria-hidden="true" className="size-5!" />
    </Button>
  );
}
