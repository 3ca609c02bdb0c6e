import type RFB from '@novnc/novnc';
import { ClipboardPaste, Expand, KeyRound, Monitor, Plug, PlugZap, Scaling } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleSocketUrl, openConsoleTicket, useVncAccess } from '../../../api/serverPage.ts';
import { PasswordField, TextareaField } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton, submitHandler } from '../../../components/form/FormBits.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { actionsBlocked } from '../../../lib/vps.ts';
import { useServerContext } from './ServerLayout.tsx';

type ConsoleState = 'idle' | 'connecting' | 'connected' | 'ended' | 'failed';

/** X11 keysym of a character: Latin-1 maps to itself, the rest to 0x01000000 + code point; newline is Return. */
function keysymOf(char: string): number {
  if (char === '\n') return 0xff0d;
  if (char === '\t') return 0xff09;
  const code = char.codePointAt(0) ?? 0;
  return code < 0x100 ? code : 0x01000000 + code;
}

/** Consola: noVNC (loaded only here) over our relay, with Ctrl-Alt-Del, paste, full screen and scaling. */
export function ConsoleTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const screen = useRef<HTMLDivElement>(null);
  const rfb = useRef<RFB | null>(null);
  const [state, setState] = useState<ConsoleState>('idle');
  const [scale, setScale] = useState(true);
  const [pasting, setPasting] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const blocked = actionsBlocked(vps);

  useEffect(() => () => rfb.current?.disconnect(), []);
  useEffect(() => {
    if (rfb.current) rfb.current.scaleViewport = scale;
  }, [scale]);

  async function connect() {
    if (!screen.current || state === 'connecting') return;
    setState('connecting');
    try {
      const [{ ticket }, { default: NoVnc }] = await Promise.all([
        openConsoleTicket(vps.id),
        import('@novnc/novnc'),
      ]);
      const client = new NoVnc(screen.current, consoleSocketUrl(vps.id, ticket));
      client.scaleViewport = scale;
      client.background = 'rgb(15, 23, 42)';
      client.addEventListener('connect', () => setState('connected'));
      client.addEventListener('disconnect', (event) => {
        rfb.current = null;
        setState(event.detail.clean ? 'ended' : 'failed');
      });
      rfb.current = client;
    } catch {
      setState('failed');
    }
  }

  if (!vps.vnc) {
    return (
      <EmptyState
        icon={Monitor}
        title={t('serverPage.console.noneTitle')}
        description={t('serverPage.console.noneText')}
      />
    );
  }

  const connected = state === 'connected';
  return (
    <section aria-labelledby="console-title" className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="console-title" className="text-lg font-semibold">
          {t('serverPage.console.title')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('serverPage.console.intro')}</p>
      </div>

      <div className="flex flex-wrap gap-2" role="toolbar" aria-label={t('serverPage.console.toolbar')}>
        {connected ? (
          <Button variant="outline" onClick={() => rfb.current?.disconnect()}>
            <Plug aria-hidden="true" />
            {t('serverPage.console.disconnect')}
          </Button>
        ) : (
          <Button disabled={blocked !== null || state === 'connecting'} onClick={() => void connect()}>
            <PlugZap aria-hidden="true" />
            {state === 'connecting' ? t('serverPage.console.connecting') : t('serverPage.console.connect')}
          </Button>
        )}
        <Button variant="outline" disabled={!connected} onClick={() => rfb.current?.sendCtrlAltDel()}>
          {t('serverPage.console.ctrlAltDel')}
        </Button>
        <Button variant="outline" disabled={!connected} onClick={() => setPasting(true)}>
          <ClipboardPaste aria-hidden="true" />
          {t('serverPage.console.paste')}
        </Button>
        <Button
          variant="outline"
          disabled={!connected}
          onClick={() => void screen.current?.requestFullscreen()}
        >
          <Expand aria-hidden="true" />
          {t('serverPage.console.fullscreen')}
        </Button>
        <Button variant="outline" aria-pressed={scale} onClick={() => setScale((s) => !s)}>
          <Scaling aria-hidden="true" />
          {scale ? t('serverPage.console.scaleOn') : t('serverPage.console.scaleOff')}
        </Button>
      </div>

      <div aria-live="polite" className="text-sm">
        {state === 'failed' && (
          <p
            className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            data-testid="console-error"
          >
            {t('serverPage.console.failed')}
          </p>
        )}
        {state === 'ended' && <p className="text-muted-foreground">{t('serverPage.console.ended')}</p>}
        {connected && <p className="text-muted-foreground">{t('serverPage.console.connected')}</p>}
      </div>

      <div
        ref={screen}
        data-testid="console-screen"
        className="h-[60vh] min-h-64 w-full overflow-hidden rounded-xl border border-border bg-slate-900"
      />

      <div className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4 text-sm">
        <p className="font-medium">{t('serverPage.console.ownClient')}</p>
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-muted-foreground">{t('serverPage.console.address')}</span>
          <code className="break-all">{`${vps.vnc.host}:${vps.vnc.port ?? ''}`}</code>
          <CopyButton
            size="sm"
            variant="ghost"
            text={`${vps.vnc.host}:${vps.vnc.port ?? ''}`}
            label={t('serverPage.console.address')}
          />
        </p>
        {vps.vnc.hasPassword && (
          <Button variant="outline" size="sm" className="self-start" onClick={() => setRevealing(true)}>
            <KeyRound aria-hidden="true" />
            {t('serverPage.console.showPassword')}
          </Button>
        )}
      </div>

      {pasting && (
        <PasteDialog
          onClose={() => setPasting(false)}
          onPaste={(text) => {
            for (const char of text) rfb.current?.sendKey(keysymOf(char), null);
            setPasting(false);
          }}
        />
      )}
      {revealing && <VncPasswordDialog vpsId={vps.id} onClose={() => setRevealing(false)} />}
    </section>
  );
}

function PasteDialog({ onClose, onPaste }: { onClose: () => void; onPaste: (text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('serverPage.console.pasteTitle')}
      description={t('serverPage.console.pasteText')}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitHandler(() => {
          if (text) onPaste(text.slice(0, 5000));
        })}
      >
        <TextareaField
          label={t('serverPage.console.pasteLabel')}
          rows={4}
          maxLength={5000}
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={false} disabled={!text}>
            {t('serverPage.console.pasteConfirm')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

function VncPasswordDialog({ vpsId, onClose }: { vpsId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const access = useVncAccess(vpsId);
  const [password, setPassword] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      busy={access.isPending}
      title={t('serverPage.console.passwordTitle')}
      description={t('serverPage.console.passwordText')}
    >
      {access.data ? (
        <div className="flex flex-col gap-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <code data-testid="vnc-password" className="break-all">
              {access.data.password ?? '—'}
            </code>
            {access.data.password && (
              <CopyButton
                size="sm"
                variant="ghost"
                text={access.data.password}
                label={t('serverPage.console.passwordTitle')}
              />
            )}
          </p>
          <Button variant="outline" className="self-end" onClick={onClose}>
            {t('actions.close')}
          </Button>
        </div>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={submitHandler(() => {
            if (!access.isPending && password) access.mutate(password);
          })}
        >
          <FormError error={access.error} />
          <PasswordField
            label={t('serverPage.accountPassword')}
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <SubmitButton pending={access.isPending}>{t('serverPage.console.showPassword')}</SubmitButton>
        </form>
      )}
    </Dialog>
  );
}
