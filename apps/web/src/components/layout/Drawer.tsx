import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../ui/Button.tsx';
import { useModal } from '../ui/Dialog.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

// The signed-in shell's navigation slides in from the left and scrolls; the public menu comes from the right.
const SIDES = {
  left: {
    dialog:
      'm-0 mr-auto h-dvh max-h-none w-[min(20rem,85vw)] max-w-none border-r border-border bg-background p-0 text-foreground shadow-xl backdrop:bg-black/50 md:hidden',
    body: 'flex h-full flex-col gap-6 overflow-y-auto p-4',
    footer: 'mt-auto flex flex-wrap items-center justify-between gap-2 border-t border-border pt-4',
  },
  right: {
    dialog:
      'm-0 ml-auto h-dvh max-h-none border-l border-border w-[min(20rem,85vw)] max-w-none bg-background p-0 text-foreground shadow-xl backdrop:bg-black/50 md:hidden',
    body: 'flex h-full flex-col gap-6 p-4',
    footer: 'mt-auto flex items-center justify-between gap-2 border-t border-border pt-4',
  },
};

/**
 * A side drawer for small screens: the logo and a close button on top, `children`, then the language and theme
 * switches. A modal <dialog> gives focus trapping, Escape to close and an inert page behind it without extra
 * dependencies.
 */
export function Drawer({
  open,
  side,
  label,
  closeLabel,
  onClose,
  children,
}: {
  open: boolean;
  side: keyof typeof SIDES;
  label: string;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useModal(open);
  const classes = SIDES[side];

  return (
    <dialog
      ref={ref}
      aria-label={label}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className={classes.dialog}
    >
      <div className={classes.body}>
        <div className="flex items-center justify-between">
          <Logo onClick={onClose} />
          <Button variant="ghost" size="icon" aria-label={closeLabel} onClick={onClose}>
            <X aria-hidden="true" className="size-5!" />
          </Button>
        </div>
        {children}
        <div className={classes.footer}>
          <LanguageSwitch />
          <ThemeSwitch withLabel />
        </div>
      </div>
    </dialog>
  );
}
